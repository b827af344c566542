package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the admin console shows for the bundle's mapper and authenticator: it reads these admin endpoints to list the
 * types, their display names and help texts, and to draw the configuration forms.
 */
@ExtendWith(StorezeroServer.class)
class AdminConsoleDescriptionsIT {

    private static final KeycloakAdmin ADMIN = KeycloakAdmin.local();

    @Test
    void theUpstreamUserIdMapperIsOfferedForTheFacebookProviderWithItsHelp() {
        JsonNode type = KeycloakAdmin.tree(ADMIN.realm("storezero").identityProviders().get("facebook").getMapperTypes())
                .path("storezero-upstream-user-id-idp-mapper");

        assertThat(type.path("name").asText()).isEqualTo("Upstream user id (Auth0 user_id)");
        assertThat(type.path("category").asText()).isEqualTo("Attribute Importer");
        assertThat(type.path("helpText").asText()).contains("facebook|10157");
        assertThat(type.path("properties").findValuesAsText("name")).contains("attribute");
        assertThat(type.path("properties").get(0).path("defaultValue").asText()).isEqualTo("upstream_user_id");
        assertThat(type.path("properties").get(0).path("helpText").asText()).isNotBlank();
    }

    @Test
    void theLinkerIsListedWithItsHelpAndConfiguration() {
        JsonNode listed = null;
        for (JsonNode provider : KeycloakAdmin.tree(ADMIN.realm("storezero").flows().getAuthenticatorProviders())) {
            if (provider.path("id").asText().equals("storezero-link-migrated-account")) {
                listed = provider;
            }
        }
        assertThat(listed).as("in the list of authenticators").isNotNull();
        assertThat(listed.path("displayName").asText()).isEqualTo("Link migrated account (upstream user id)");
        assertThat(listed.path("description").asText()).contains("Never matches on e-mail");

        JsonNode config = KeycloakAdmin.tree(ADMIN.realm("storezero").flows().getAuthenticatorConfigDescription("storezero-link-migrated-account"));
        assertThat(config.path("properties").get(0).path("name").asText()).isEqualTo("attribute");
        assertThat(config.path("properties").get(0).path("defaultValue").asText()).isEqualTo("upstream_user_id");
    }
}
