package io.storezero.keycloak.auth0;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import static org.assertj.core.api.Assertions.assertThat;

class Auth0RealmSwitchTest {

    private static RealmModel realm(Map<String, String> attributes) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> "getAttribute".equals(method.getName()) && args.length == 1 ? attributes.get((String) args[0]) : null);
    }

    @Test
    void givenNoAttribute_thenTheEndpointsAreOff() {
        assertThat(Auth0ResourceProviderFactory.isEnabledIn(realm(Map.of()))).isFalse();
        assertThat(Auth0ResourceProviderFactory.isEnabledIn(null)).isFalse();
    }

    @Test
    void givenExactlyTrue_thenTheEndpointsAreOn() {
        assertThat(Auth0ResourceProviderFactory.isEnabledIn(realm(Map.of(Auth0ResourceProviderFactory.REALM_ENABLED_ATTRIBUTE, "true")))).isTrue();
        assertThat(Auth0ResourceProviderFactory.isEnabledIn(realm(Map.of(Auth0ResourceProviderFactory.REALM_ENABLED_ATTRIBUTE, "TRUE")))).isFalse();
        assertThat(Auth0ResourceProviderFactory.isEnabledIn(realm(Map.of(Auth0ResourceProviderFactory.REALM_ENABLED_ATTRIBUTE, "yes")))).isFalse();
    }
}
