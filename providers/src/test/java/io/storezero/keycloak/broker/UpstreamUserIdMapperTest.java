package io.storezero.keycloak.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderSyncMode;

class UpstreamUserIdMapperTest {

    private final UpstreamUserIdMapper mapper = new UpstreamUserIdMapper();
    private final FakeUser user = new FakeUser("u1");

    @Test
    void givenANewUser_thenTheUpstreamIdIsStoredInTheConfiguredAttribute() {
        mapper.importNewUser(null, null, user.model, mapperModel(Map.of("attribute", "auth0_user_id")), login("facebook", "10157"));

        assertThat(user.attributes).containsEntry("auth0_user_id", List.of("facebook|10157"));
    }

    @Test
    void givenNoConfiguredAttribute_thenTheDefaultAttributeIsUsed() {
        mapper.importNewUser(null, null, user.model, mapperModel(Map.of()), login("google", "42"));

        assertThat(user.attributes).containsEntry("upstream_user_id", List.of("google|42"));
    }

    @Test
    void givenAChangedValue_whenUpdating_thenItIsOverwritten() {
        user.attributes.put("upstream_user_id", List.of("auth0|legacy", "extra"));

        mapper.updateBrokeredUser(null, null, user.model, mapperModel(Map.of()), login("facebook", "7"));

        assertThat(user.attributes).containsEntry("upstream_user_id", List.of("facebook|7"));
    }

    @Test
    void givenTheSameValue_whenUpdating_thenNothingIsWritten() {
        user.attributes.put("upstream_user_id", List.of("facebook|7"));

        mapper.updateBrokeredUser(null, null, user.model, mapperModel(Map.of()), login("facebook", "7"));

        assertThat(user.writes).isZero();
    }

    @Test
    void supportsEverySyncModeAndAnyProvider() {
        for (IdentityProviderSyncMode mode : IdentityProviderSyncMode.values()) {
            assertThat(mapper.supportsSyncMode(mode)).as(mode.name()).isTrue();
        }
        assertThat(mapper.getCompatibleProviders()).containsExactly("*");
        assertThat(mapper.getConfigProperties()).singleElement()
                .satisfies(p -> assertThat(p.getDefaultValue()).isEqualTo("upstream_user_id"));
    }

    private static IdentityProviderMapperModel mapperModel(Map<String, String> config) {
        IdentityProviderMapperModel model = new IdentityProviderMapperModel();
        model.setConfig(new HashMap<>(config));
        return model;
    }

    private static BrokeredIdentityContext login(String alias, String upstreamId) {
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setAlias(alias);
        idp.setEnabled(true);
        return new BrokeredIdentityContext(upstreamId, idp);
    }
}
