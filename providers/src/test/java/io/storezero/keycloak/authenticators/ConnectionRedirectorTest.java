package io.storezero.keycloak.authenticators;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.sessions.AuthenticationSessionModel;
import org.junit.jupiter.api.Test;

class ConnectionRedirectorTest {

    private static final ConnectionRedirectorConfig NO_CONFIG = ConnectionRedirectorConfig.of(Map.of());
    private static final ConnectionRedirectorConfig DEFAULT_FACEBOOK = ConnectionRedirectorConfig.of(
            Map.of(ConnectionRedirectorConfig.DEFAULT_CONNECTION, "facebook"));

    @Test
    void givenAuth0sConnectionParameter_thenItWinsOverKcIdpHintAndTheDefault() {
        AuthenticationSessionModel session = authSession(Map.of(ConnectionRedirector.CONNECTION_NOTE, "github", "kc_idp_hint", "google"));

        assertThat(ConnectionRedirector.requestedConnection(session, DEFAULT_FACEBOOK)).contains("github");
    }

    @Test
    void givenOnlyKcIdpHint_thenItIsUsedUnlessSwitchedOff() {
        AuthenticationSessionModel session = authSession(Map.of("kc_idp_hint", "google"));

        assertThat(ConnectionRedirector.requestedConnection(session, NO_CONFIG)).contains("google");
        assertThat(ConnectionRedirector.requestedConnection(session,
                ConnectionRedirectorConfig.of(Map.of(ConnectionRedirectorConfig.HONOUR_KC_IDP_HINT, "false")))).isEmpty();
    }

    @Test
    void givenNoNameInTheRequest_thenTheDefaultConnectionOrNothing() {
        AuthenticationSessionModel session = authSession(Map.of("kc_idp_hint", " "));

        assertThat(ConnectionRedirector.requestedConnection(session, DEFAULT_FACEBOOK)).contains("facebook");
        assertThat(ConnectionRedirector.requestedConnection(session, NO_CONFIG)).isEmpty();
    }

    @Test
    void givenPromptNone_thenTheLoginIsPassive() {
        assertThat(ConnectionRedirector.isPassive(authSession(Map.of("prompt", "none")))).isTrue();
        assertThat(ConnectionRedirector.isPassive(authSession(Map.of("prompt", "login")))).isFalse();
        assertThat(ConnectionRedirector.isPassive(authSession(Map.of()))).isFalse();
    }

    /** An authentication session that only knows its client notes. */
    private static AuthenticationSessionModel authSession(Map<String, String> clientNotes) {
        Map<String, String> notes = new HashMap<>(clientNotes);
        return (AuthenticationSessionModel) Proxy.newProxyInstance(ConnectionRedirectorTest.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> {
                    if ("getClientNote".equals(method.getName())) {
                        return notes.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
