package io.storezero.keycloak.authenticators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectionRedirectorConfigTest {

    @Test
    void givenNoConfiguration_thenNoDefaultAndAuth0sDatabaseIsLocal() {
        ConnectionRedirectorConfig config = ConnectionRedirectorConfig.of((org.keycloak.models.AuthenticatorConfigModel) null);

        assertThat(config.defaultConnection()).isEmpty();
        assertThat(config.isLocal("Username-Password-Authentication")).isTrue();
        assertThat(config.isLocal("facebook")).isFalse();
        assertThat(config.honourKcIdpHint()).isTrue();
        assertThat(config.aliasFor("facebook")).isEqualTo("facebook");
    }

    @Test
    void givenAMapping_thenAuth0NamesBecomeAliasesAndOthersStay() {
        ConnectionRedirectorConfig config = ConnectionRedirectorConfig.of(Map.of(
                ConnectionRedirectorConfig.CONNECTION_MAPPING, "google-oauth2=google##windowslive = microsoft##broken##=x"));

        assertThat(config.aliasFor("google-oauth2")).isEqualTo("google");
        assertThat(config.aliasFor("windowslive")).isEqualTo("microsoft");
        assertThat(config.aliasFor("broken")).isEqualTo("broken");
        assertThat(config.connectionMapping()).hasSize(2);
    }

    @Test
    void givenABlankDefault_thenThereIsNoDefault() {
        assertThat(ConnectionRedirectorConfig.of(Map.of(ConnectionRedirectorConfig.DEFAULT_CONNECTION, "  ")).defaultConnection()).isEmpty();
        assertThat(ConnectionRedirectorConfig.of(Map.of(ConnectionRedirectorConfig.DEFAULT_CONNECTION, " facebook ")).defaultConnection()).contains("facebook");
    }

    @Test
    void givenLocalConnectionsSetEmpty_thenEveryNameIsAnIdentityProvider() {
        ConnectionRedirectorConfig config = ConnectionRedirectorConfig.of(Map.of(ConnectionRedirectorConfig.LOCAL_CONNECTIONS, ""));

        assertThat(config.isLocal("Username-Password-Authentication")).isFalse();
    }

    @Test
    void givenKcIdpHintSwitchedOff_thenItIsNotHonoured() {
        assertThat(ConnectionRedirectorConfig.of(Map.of(ConnectionRedirectorConfig.HONOUR_KC_IDP_HINT, "false")).honourKcIdpHint()).isFalse();
    }
}
