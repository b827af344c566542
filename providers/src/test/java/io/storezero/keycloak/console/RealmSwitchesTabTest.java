package io.storezero.keycloak.console;

import java.util.HashMap;
import java.util.Map;

import io.storezero.keycloak.auth0.Auth0ResourceProviderFactory;
import io.storezero.keycloak.fedcm.FedCm;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

import static org.assertj.core.api.Assertions.assertThat;

class RealmSwitchesTabTest {

    private final RealmSwitchesTab tab = new RealmSwitchesTab();

    @Test
    void whenTheAuth0SwitchIsTurnedOnAndOff_thenTheRealmAttributeFollows() {
        Map<String, String> attributes = new HashMap<>();
        RealmModel realm = ConsoleFakes.realm(attributes, null);
        ComponentModel on = ConsoleFakes.component(null, Map.of("auth0", "true", "fedcmDynamicClients", "false", "tab", "storezero"));

        tab.validateConfiguration(null, realm, on);
        assertThat(attributes).containsExactly(Map.entry(Auth0ResourceProviderFactory.REALM_ENABLED_ATTRIBUTE, "true"));
        assertThat(Auth0ResourceProviderFactory.isEnabledIn(realm)).isTrue();

        ComponentModel stored = ConsoleFakes.component("tab-1", Map.of("auth0", "true", "fedcmDynamicClients", "false"));
        RealmModel sameRealm = ConsoleFakes.realm(attributes, stored);
        tab.validateConfiguration(null, sameRealm, ConsoleFakes.component("tab-1", Map.of("auth0", "false", "fedcmDynamicClients", "false")));
        assertThat(attributes).containsEntry(Auth0ResourceProviderFactory.REALM_ENABLED_ATTRIBUTE, "false")
                .doesNotContainKey(FedCm.REALM_DYNAMIC_CLIENTS_ATTRIBUTE);
        assertThat(Auth0ResourceProviderFactory.isEnabledIn(sameRealm)).isFalse();
    }
}
