package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storezero.testsupport.Authorize;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production realm file imports into the real Keycloak and sends "Continue with Facebook" to Facebook's OAuth
 * endpoint with the configured app. Imported under another name beside the dev realms; the placeholders filled in as
 * Keycloak's import fills them from the environment. No request leaves this machine: the redirect is only read.
 */
@ExtendWith(StorezeroServer.class)
class ProductionRealmIT {

    private static final String REALM = "storezero-production-check";
    private static final String APP_ID = "1234567890123456";
    /** The shop's public URL: the production realm registers exactly {@code <it>/} as the SPA's redirect URI. */
    private static final String APP_URL = "https://shop.example.com";
    private static final KeycloakAdmin ADMIN = KeycloakAdmin.local();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    @AfterEach
    void removeTheCheckRealm() {
        ADMIN.removeRealm(REALM);
    }

    @Test
    void importsCleanlyAndContinueWithFacebookGoesToFacebook() throws Exception {
        ADMIN.removeRealm(REALM);
        ObjectNode realm = (ObjectNode) JSON.readTree(fillPlaceholders(RealmVariantsTest.production().toString(),
                Map.of("STOREZERO_FACEBOOK_APP_ID", APP_ID, "STOREZERO_FACEBOOK_APP_SECRET", "not-a-real-secret",
                        "STOREZERO_APP_URL", APP_URL)));
        realm.put("realm", REALM);
        ADMIN.createRealm(realm);

        JsonNode facebook = KeycloakAdmin.tree(ADMIN.realm(REALM).identityProviders().get("facebook").toRepresentation());
        assertThat(facebook.get("providerId").asText()).isEqualTo("facebook");
        assertThat(facebook.get("config").get("clientId").asText()).isEqualTo(APP_ID);
        assertThat(facebook.get("firstBrokerLoginFlowAlias").asText()).isEqualTo("storezero first broker login");
        assertThat(KeycloakAdmin.tree(ADMIN.realm(REALM).identityProviders().get("facebook").getMappers()).findValuesAsText("identityProviderMapper"))
                .contains("storezero-upstream-user-id-idp-mapper", "facebook-user-attribute-mapper");

        // Keycloak's cookies are Secure; java.net's cookie store would not send them over http://localhost (browsers do).
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(Authorize.at(StorezeroServer.KEYCLOAK_URL, REALM)
                .client("storezero-spa", APP_URL + "/").param("response_type", "code").param("scope", "openid")
                .param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256").url())).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookies = signIn.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; "));
        String page = signIn.body();
        Matcher button = Pattern.compile("id=\"social-facebook\" href=\"([^\"]+)\"").matcher(page);
        assertThat(button.find()).as("'Continue with Facebook' on the sign-in page").isTrue();
        assertThat(page).contains("Continue with Facebook");

        HttpResponse<String> toFacebook = http.send(HttpRequest.newBuilder(
                URI.create(StorezeroServer.KEYCLOAK_URL + button.group(1).replace("&amp;", "&"))).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toFacebook.statusCode()).isIn(302, 303);
        assertThat(toFacebook.headers().firstValue("Location").orElseThrow())
                .startsWith("https://graph.facebook.com/oauth/authorize?")
                .contains("client_id=" + APP_ID)
                .contains("redirect_uri=" + URLEncoder.encode(StorezeroServer.KEYCLOAK_URL + "/realms/" + REALM + "/broker/facebook/endpoint", StandardCharsets.UTF_8));
    }

    /** What Keycloak's realm import does with ${VAR} and ${VAR:default}, for the given environment. */
    static String fillPlaceholders(String json, Map<String, String> env) throws IOException {
        Matcher m = PLACEHOLDER.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.containsKey(m.group(1)) ? env.get(m.group(1)) : m.group(2);
            assertThat(value).as("no value for %s", m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
