package io.storezero.providers.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.providers.framework.StorezeroServerConfig;
import io.storezero.providers.support.ShippedRealmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The "Upstream user id" mapper of the storezero realm's facebook provider, in each sync mode: the first login writes
 * {@code facebook|<id>}; an administrator then changes the attribute; the second login keeps the change (IMPORT) or
 * writes the upstream id again (FORCE, LEGACY, and INHERIT from the provider's FORCE). The SPA's tokens carry whatever
 * the attribute holds.
 */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class UpstreamUserIdMapperIT extends ShippedRealmsTest {

    private static final String EDITED = "auth0|edited-by-an-admin";

    private IdentityProviderMapperRepresentation exported;

    @BeforeEach
    void rememberTheExportedMapper() {
        exported = upstreamMapper();
        assertThat(exported.getConfig()).as("as exported").containsEntry("syncMode", "IMPORT");
        assertThat(facebookProvider().toRepresentation().getConfig()).as("the provider's own sync mode, which INHERIT follows")
                .containsEntry("syncMode", "FORCE");
    }

    @AfterEach
    void restoreTheExportedMapper() {
        facebookProvider().update(exported.getId(), exported);
    }

    @ParameterizedTest(name = "sync mode {0}: after an admin edit, the next login leaves {1}")
    @CsvSource({
            "IMPORT,  the edit",
            "FORCE,   the upstream id",
            "LEGACY,  the upstream id",
            "INHERIT, the upstream id"})
    void theFirstLoginWritesTheUpstreamIdAndLaterLoginsFollowTheSyncMode(String syncMode, String expectation) {
        IdentityProviderMapperRepresentation mapper = upstreamMapper();
        Map<String, String> config = new HashMap<>(mapper.getConfig());
        config.put("syncMode", syncMode);
        mapper.setConfig(config);
        facebookProvider().update(mapper.getId(), mapper);
        FacebookUser user = newFacebookUser();

        Map<String, Object> first = tokens(logInWithFacebook(user));
        String userId = storezeroUsersLinkedTo(user).get(0).getId();
        assertThat(attribute(userId, UPSTREAM_ATTRIBUTE)).containsExactly(user.upstreamUserId());
        assertThat(claim(first)).isEqualTo(user.upstreamUserId());

        UserRepresentation edited = storezeroUser(userId);
        Map<String, List<String>> attributes = new HashMap<>(edited.getAttributes());
        attributes.put(UPSTREAM_ATTRIBUTE, List.of(EDITED));
        edited.setAttributes(attributes);
        storezero.admin().users().get(userId).update(edited);
        browser.clearAllCookies();
        Map<String, Object> second = tokens(logInWithFacebook(user));

        String expected = expectation.equals("the edit") ? EDITED : user.upstreamUserId();
        assertThat(attribute(userId, UPSTREAM_ATTRIBUTE)).containsExactly(expected);
        assertThat(claim(second)).isEqualTo(expected);
    }

    private Object claim(Map<String, Object> tokens) {
        JWTClaimsSet accessToken = tokens().accessToken((String) tokens.get("access_token"), SPA);
        return accessToken.getClaim(UPSTREAM_CLAIM);
    }

    private IdentityProviderResource facebookProvider() {
        return storezero.admin().identityProviders().get("facebook");
    }

    private IdentityProviderMapperRepresentation upstreamMapper() {
        List<IdentityProviderMapperRepresentation> mappers = facebookProvider().getMappers().stream()
                .filter(m -> "storezero-upstream-user-id-idp-mapper".equals(m.getIdentityProviderMapper())).toList();
        assertThat(mappers).as("the realm export's upstream user id mapper").hasSize(1);
        return mappers.get(0);
    }
}
