package io.storezero.keycloak.storageaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageAccessRequestTest {

    private static Map<String, List<String>> good() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("client_id", List.of("spa"));
        query.put("origin", List.of("https://app.example.com"));
        query.put("redirect_uri", List.of("https://app.example.com/callback"));
        query.put("response_type", List.of("code"));
        query.put("state", List.of("s{1}"));
        query.put("code_challenge", List.of("c"));
        query.put("code_challenge_method", List.of("S256"));
        query.put("login_hint", List.of("dropped"));
        return query;
    }

    @Test
    void givenAGoodRequest_thenTheSilentRequestIsForwardedWithPromptNoneAndWebMessage() {
        StorageAccessRequest request = StorageAccessRequest.parse(good()).request().orElseThrow();

        assertThat(request.clientId()).isEqualTo("spa");
        assertThat(request.origin()).isEqualTo("https://app.example.com");
        assertThat(request.authorizeParams()).containsEntry("prompt", "none").containsEntry("response_mode", "web_message")
                .containsEntry("state", "s{1}").containsEntry("redirect_uri", "https://app.example.com/callback")
                .doesNotContainKey("login_hint").doesNotContainKey("origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id", "origin", "redirect_uri", "response_type"})
    void givenARequiredParameterMissing_thenItIsNamed(String name) {
        Map<String, List<String>> query = good();
        query.remove(name);

        assertThat(StorageAccessRequest.parse(query).invalidParameter()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompt", "response_mode"})
    void givenAParameterTheFrameFixes_thenTheRequestIsRefusedNotChanged(String name) {
        Map<String, List<String>> query = good();
        query.put(name, List.of("login"));

        assertThat(StorageAccessRequest.parse(query).invalidParameter()).isEqualTo(name);
    }

    @Test
    void givenARepeatedParameter_thenTheRequestIsRefused() {
        Map<String, List<String>> query = good();
        query.put("state", List.of("a", "b"));

        assertThat(StorageAccessRequest.parse(query).invalidParameter()).isEqualTo("state");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "null", "https://app.example.com/", "https://APP.example.com", "https://app.example.com:443",
            "javascript:alert(1)", "https://app.example.com\"><script>", "https://user@app.example.com"})
    void givenAnOriginThatIsNotExactlyASerializedOrigin_thenItIsRefused(String origin) {
        Map<String, List<String>> query = good();
        query.put("origin", List.of(origin));

        assertThat(StorageAccessRequest.parse(query).invalidParameter()).isEqualTo("origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://other.example.com/callback", "http://app.example.com/callback", "https://app.example.com:8443/cb", "app://callback"})
    void givenARedirectUriOnAnotherOrigin_thenItIsRefused(String redirectUri) {
        Map<String, List<String>> query = good();
        query.put("redirect_uri", List.of(redirectUri));

        assertThat(StorageAccessRequest.parse(query).invalidParameter()).isEqualTo("redirect_uri");
    }
}
