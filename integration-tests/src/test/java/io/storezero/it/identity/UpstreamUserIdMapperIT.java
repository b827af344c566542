package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;

/**
 * The "Upstream user id" mapper of the storezero realm's facebook provider, in each sync mode: the first login writes
 * {@code facebook|<id>}; an administrator then changes the attribute; the second login keeps the change (IMPORT) or
 * writes the upstream id again (FORCE, LEGACY, and INHERIT from the provider's FORCE). The SPA's tokens carry whatever
 * the attribute holds.
 */
class UpstreamUserIdMapperIT extends IdentityBrowserTest {

    private static final String EDITED = "auth0|edited-by-an-admin";

    private JsonNode exported;

    @BeforeEach
    void rememberTheExportedMapper() {
        exported = upstreamMapper().deepCopy();
        assertThat(exported.path("config").path("syncMode").asText()).as("as exported").isEqualTo("IMPORT");
        assertThat(ADMIN.realm(STOREZERO).identityProviders().get(FACEBOOK).toRepresentation().getConfig().get("syncMode"))
                .as("the provider's own sync mode, which INHERIT follows").isEqualTo("FORCE");
    }

    @AfterEach
    void restoreTheExportedMapper() {
        updateMapper(exported);
    }

    @ParameterizedTest(name = "sync mode {0}: after an admin edit, the next login leaves {1}")
    @CsvSource({
            "IMPORT,  the edit",
            "FORCE,   the upstream id",
            "LEGACY,  the upstream id",
            "INHERIT, the upstream id"})
    void theFirstLoginWritesTheUpstreamIdAndLaterLoginsFollowTheSyncMode(String syncMode, String expectation) {
        ObjectNode mapper = upstreamMapper().deepCopy();
        ((ObjectNode) mapper.get("config")).put("syncMode", syncMode);
        updateMapper(mapper);
        FacebookUser user = newFacebookUser();

        Map<String, Object> first = logInWithFacebook(user).tokens();
        String userId = storezeroUsersLinkedTo(user).get(0).get("id").asText();
        assertThat(attribute(STOREZERO, userId, UPSTREAM_ATTRIBUTE)).containsExactly(user.upstreamUserId());
        assertThat(claim(first)).isEqualTo(user.upstreamUserId());

        var edited = ADMIN.realm(STOREZERO).users().get(userId).toRepresentation();
        edited.getAttributes().put(UPSTREAM_ATTRIBUTE, List.of(EDITED));
        ADMIN.realm(STOREZERO).users().get(userId).update(edited);
        noSessions();
        Map<String, Object> second = logInWithFacebook(user).tokens();

        String expected = expectation.equals("the edit") ? EDITED : user.upstreamUserId();
        assertThat(attribute(STOREZERO, userId, UPSTREAM_ATTRIBUTE)).containsExactly(expected);
        assertThat(claim(second)).isEqualTo(expected);
    }

    private static Object claim(Map<String, Object> tokens) {
        JWTClaimsSet accessToken = Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, SPA);
        return accessToken.getClaim(UPSTREAM_CLAIM);
    }

    private static void updateMapper(JsonNode mapper) {
        ADMIN.realm(STOREZERO).identityProviders().get(FACEBOOK).update(mapper.get("id").asText(),
                KeycloakAdmin.representation(mapper, IdentityProviderMapperRepresentation.class));
    }

    private static JsonNode upstreamMapper() {
        List<JsonNode> mappers = new ArrayList<>();
        ADMIN.realm(STOREZERO).identityProviders().get(FACEBOOK).getMappers().stream().map(KeycloakAdmin::tree).forEach(m -> {
            if (m.path("identityProviderMapper").asText().equals("storezero-upstream-user-id-idp-mapper")) {
                mappers.add(m);
            }
        });
        assertThat(mappers).as("the realm export's upstream user id mapper").hasSize(1);
        return mappers.get(0);
    }
}
