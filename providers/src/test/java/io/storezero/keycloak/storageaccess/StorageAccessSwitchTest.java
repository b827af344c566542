package io.storezero.keycloak.storageaccess;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;

import static org.assertj.core.api.Assertions.assertThat;

class StorageAccessSwitchTest {

    private static ClientModel client(Map<String, String> attributes) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[]{ClientModel.class},
                (proxy, method, args) -> "getAttribute".equals(method.getName()) ? attributes.get((String) args[0]) : null);
    }

    @Test
    void givenNoAttribute_thenTheFrameIsOnAsBefore() {
        assertThat(StorageAccess.isEnabledFor(client(Map.of()))).isTrue();
        assertThat(StorageAccess.isEnabledFor(client(Map.of(StorageAccess.CLIENT_ENABLED_ATTRIBUTE, "true")))).isTrue();
    }

    @Test
    void givenFalseInAnyCase_thenTheFrameIsOff() {
        assertThat(StorageAccess.isEnabledFor(client(Map.of(StorageAccess.CLIENT_ENABLED_ATTRIBUTE, "false")))).isFalse();
        assertThat(StorageAccess.isEnabledFor(client(Map.of(StorageAccess.CLIENT_ENABLED_ATTRIBUTE, "FALSE")))).isFalse();
    }
}
