package io.storezero.keycloak.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.common.util.Encode;
import org.keycloak.common.util.KeycloakUriBuilder;

/**
 * The fragment Keycloak writes is read back exactly. The redirect is encoded here the way Keycloak's
 * {@code OIDCRedirectUriBuilder} (fragment mode) encodes it, with Keycloak's own {@link Encode} and
 * {@link KeycloakUriBuilder}: if a Keycloak upgrade changes that encoding, these tests fail.
 */
class WebMessageResponsesTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a b", "a+b", "100%", "a&b=c", "#hash", "</script>", "ü", "\u2028", "%2B already"})
    void givenKeycloaksFragmentEncoding_thenEveryValueDecodesToTheOriginal(String value) {
        String redirectUri = "http://localhost:3000/callback?keep=1";
        String location = keycloakFragmentRedirect(redirectUri, Map.of("state", value));

        assertThat(WebMessageResponses.fragmentParams(location, redirectUri)).contains(Map.of("state", value));
    }

    @Test
    void givenAStateOutsideTheBasicMultilingualPlane_thenTheClientsOriginalStateIsRestored() {
        String redirectUri = "http://localhost:3000/";
        String state = "cart \uD83D\uDED2";
        String location = keycloakFragmentRedirect(redirectUri, Map.of("state", state));
        Map<String, String> decoded = WebMessageResponses.fragmentParams(location, redirectUri).orElseThrow();

        assertThat(decoded.get("state")).as("Keycloak's encoding is lossy here").isNotEqualTo(state);
        assertThat(WebMessageResponses.withState(decoded, state)).containsEntry("state", state);
        assertThat(WebMessageResponses.withState(Map.of("code", "c"), state)).doesNotContainKey("state");
    }

    @Test
    void givenARedirectElsewhere_thenItIsNotAWebMessageResponse() {
        String redirectUri = "http://localhost:3000/callback";

        assertThat(WebMessageResponses.fragmentParams("http://localhost:8080/realms/x/login-actions/authenticate", redirectUri)).isEmpty();
        assertThat(WebMessageResponses.fragmentParams("https://www.facebook.com/dialog/oauth#x=1", redirectUri)).isEmpty();
        assertThat(WebMessageResponses.fragmentParams("http://localhost:3000/callbackevil#code=1", redirectUri)).isEmpty();
        assertThat(WebMessageResponses.fragmentParams("http://localhost:3000/callback?code=1", redirectUri)).isEmpty();
    }

    @Test
    void givenAnErrorWithoutDescription_thenLoginRequiredIsDescribedInPlace() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", "login_required");
        params.put("state", "s");

        assertThat(WebMessageResponses.describeError(params).keySet()).containsExactly("error", "error_description", "state");
        assertThat(WebMessageResponses.describeError(params)).containsEntry("error_description", "Login required");
        assertThat(WebMessageResponses.describeError(Map.of("error", "invalid_request", "error_description", "Missing parameter: nonce")))
                .containsEntry("error_description", "Missing parameter: nonce");
        assertThat(WebMessageResponses.describeError(Map.of("code", "c"))).isEqualTo(Map.of("code", "c"));
    }

    @Test
    void givenAnImplicitResponse_thenTheGrantedScopeIsAddedButNeverComputedForACodeOrError() {
        assertThat(WebMessageResponses.withImplicitExtras(Map.of("access_token", "t"), () -> Map.of("scope", "openid email")))
                .containsEntry("scope", "openid email");
        assertThat(WebMessageResponses.withImplicitExtras(Map.of("code", "c"), WebMessageResponsesTest::neverAsked)).doesNotContainKey("scope");
        assertThat(WebMessageResponses.withImplicitExtras(Map.of("error", "e"), WebMessageResponsesTest::neverAsked)).doesNotContainKey("scope");
    }

    /** The scope of a code or error response is never computed: Keycloak's scope string costs work a code does not need. */
    private static Map<String, String> neverAsked() {
        throw new AssertionError("the implicit extras were computed for a response without an access token");
    }

    private static String keycloakFragmentRedirect(String redirectUri, Map<String, String> params) {
        StringBuilder fragment = new StringBuilder();
        params.forEach((name, value) -> {
            if (fragment.length() > 0) {
                fragment.append('&');
            }
            fragment.append(name).append('=').append(Encode.encodeQueryParamAsIs(value));
        });
        return KeycloakUriBuilder.fromUri(redirectUri).encodedFragment(fragment.toString()).build().toString();
    }
}
