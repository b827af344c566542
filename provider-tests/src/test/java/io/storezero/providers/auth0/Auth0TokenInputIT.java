package io.storezero.providers.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.providers.framework.SpaPages;
import io.storezero.providers.framework.StorezeroServerConfig;
import io.storezero.providers.support.Auth0RealmTest;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * What {@code /auth0/oauth/token} does with input no SDK sends: the JSON path gets the form path's size limit and
 * duplicate check, other media types a 415, broken JSON a 400; always an OAuth error body, never a 5xx, a stack trace
 * or a token; readable by the app's origin as Keycloak's own errors are. (That the SDKs' own JSON and form requests
 * still work is proven with the SDKs, in the runner suite's Auth0SpaJsIT.)
 */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class Auth0TokenInputIT extends Auth0RealmTest {

    /** Keycloak's {@code quarkus.http.limits.max-form-attribute-size}. */
    private static final int FORM_VALUE_LIMIT = 131_072;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aJsonValueIsTooLargeExactlyWhereTheSameFormValueIs() throws Exception {
        for (int length : List.of(FORM_VALUE_LIMIT, FORM_VALUE_LIMIT + 1, 3_000_000)) {
            HttpResponse<String> form = post("application/x-www-form-urlencoded", codeExchangeForm("v".repeat(length)));
            HttpResponse<String> json = post("application/json", codeExchangeJson("\"" + "v".repeat(length) + "\""));

            boolean tooLarge = length > FORM_VALUE_LIMIT;
            assertThat(form.statusCode()).as("form, value of %d bytes", length).isEqualTo(tooLarge ? 413 : 400);
            assertThat(json.statusCode()).as("JSON, value of %d bytes: %s", length, json.body()).isEqualTo(form.statusCode());
            assertCleanOAuthError(json, tooLarge ? "invalid_request" : "invalid_grant");
        }
    }

    @Test
    void aJsonParameterGivenTwiceIsRefusedAsKeycloakRefusesADuplicatedFormParameter() throws Exception {
        HttpResponse<String> form = post("application/x-www-form-urlencoded", "grant_type=authorization_code&client_id=spa&client_id=spa-default-connection"
                + "&code=nope&redirect_uri=" + URLEncoder.encode(pages.url("/sdk/callback"), StandardCharsets.UTF_8));
        HttpResponse<String> json = post("application/json", "{\"grant_type\":\"authorization_code\",\"client_id\":\"spa\","
                + "\"client_id\":\"spa-default-connection\",\"code\":\"nope\",\"redirect_uri\":\"" + pages.url("/sdk/callback") + "\"}");

        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(form.body()).path("error").asText()).isEqualTo("invalid_request");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(400);
        assertCleanOAuthError(json, "invalid_request");
        assertThat(JSON.readTree(json.body()).path("error_description").asText()).isEqualTo("duplicated parameter");
    }

    @Test
    void aBodyOfAnotherMediaTypeOrNoneIsUnsupportedMediaTypeNotAServerError() throws Exception {
        String json = codeExchangeJson("\"" + "v".repeat(43) + "\"");
        // Well-formed multipart: Quarkus parses multipart before any resource method is chosen (a malformed one fails there).
        String multipart = "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nauthorization_code\r\n--x--\r\n";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("text/plain", json);
        bodies.put("application/xml", "<grant_type>authorization_code</grant_type>");
        bodies.put("multipart/form-data; boundary=x", multipart);
        bodies.put(null, json);
        for (Map.Entry<String, String> typeAndBody : bodies.entrySet()) {
            String type = typeAndBody.getKey();
            HttpResponse<String> response = post(type, typeAndBody.getValue());

            assertThat(response.statusCode()).as("%s: %s", type, response.body()).isEqualTo(415);
            assertCleanOAuthError(response, "invalid_request");
            assertThat(JSON.readTree(response.body()).path("error_description").asText())
                    .contains("application/x-www-form-urlencoded").contains("application/json");
        }
    }

    @Test
    void jsonThatIsNoSingleObjectIsInvalidRequest() throws Exception {
        List<byte[]> bodies = List.of(bytes("{\"grant_type\":"), bytes("[]"), bytes("\"x\""), bytes("null"), bytes(""), bytes("{} {}"),
                bytes("{\"grant_type\":\"authorization_code\",\"client_id\":{\"id\":\"spa\"}}"),
                new byte[] {'{', '"', 'c', 'l', 'i', 'e', 'n', 't', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
        for (byte[] body : bodies) {
            HttpResponse<String> response = send(request("application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).as(new String(body, StandardCharsets.ISO_8859_1) + " -> " + response.body()).isEqualTo(400);
            assertCleanOAuthError(response, "invalid_request");
        }
    }

    @Test
    void errorsAnsweredBeforeKeycloakAreReadableByAWebOriginOfAClientOnly() throws Exception {
        HttpRequest.Builder fromForeign = HttpRequest.newBuilder(URI.create(token())).header("Content-Type", "text/plain")
                .header("Origin", SpaPages.FOREIGN_ORIGIN).POST(HttpRequest.BodyPublishers.ofString("x"));

        HttpResponse<String> foreignAnswer = send(fromForeign);

        assertThat(foreignAnswer.statusCode()).isEqualTo(415);
        assertThat(foreignAnswer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // The app's origin: see the assertions in assertCleanOAuthError, which every other test here runs.
    }

    /** A 4xx in Keycloak's OAuth error shape, readable by the app's origin, with nothing of a crash or a token in it. */
    private void assertCleanOAuthError(HttpResponse<String> response, String error) throws IOException {
        String what = response.statusCode() + " " + response.headers().map() + " " + response.body();
        assertThat(response.statusCode()).as(what).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).as(what).isEqualTo(error);
        assertThat(body.path("error_description").asText()).as(what).isNotBlank();
        assertThat(response.body()).as(what).doesNotContain("access_token").doesNotContain("Stack").doesNotContain("Exception").doesNotContain("Error id");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(what).contains(pages.origin());
    }

    private String codeExchangeForm(String verifier) {
        return "grant_type=authorization_code&client_id=spa&code=nope&redirect_uri=" + URLEncoder.encode(pages.url("/sdk/callback"), StandardCharsets.UTF_8)
                + "&code_verifier=" + verifier;
    }

    private String codeExchangeJson(String verifierJson) {
        return "{\"grant_type\":\"authorization_code\",\"client_id\":\"spa\",\"code\":\"nope\",\"redirect_uri\":\"" + pages.url("/sdk/callback")
                + "\",\"code_verifier\":" + verifierJson + "}";
    }

    private HttpRequest.Builder request(String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(token())).header("Origin", pages.origin());
        return contentType == null ? request : request.header("Content-Type", contentType);
    }

    private HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
        return send(request(contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() {
        return domain() + "/oauth/token";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
