package io.storezero.keycloak.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebMessageTargetTest {

    @ParameterizedTest
    @CsvSource({
            "http://localhost:3000/callback?x=1, http://localhost:3000",
            "http://localhost:3000, http://localhost:3000",
            "HTTPS://App.Example.com/cb, https://app.example.com",
            "https://app.example.com:443/cb, https://app.example.com",
            "http://app.example.com:80/, http://app.example.com",
            "https://app.example.com:8443/a/b, https://app.example.com:8443",
            "http://[::1]:3000/cb, http://[::1]:3000"})
    void givenAnHttpRedirectUri_thenItsOriginIsSchemeHostAndNonDefaultPort(String uri, String origin) {
        assertThat(WebMessageTarget.originOf(uri)).contains(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "com.example.app:/callback",
            "javascript:alert(1)",
            "data:text/html,hi",
            "/relative/path",
            "http://user:pass@localhost:3000/cb",
            "http://localhost:3000/cb#fragment",
            "file:///etc/passwd",
            "http://local host:3000/"})
    void givenAUriThatCannotBeAWebMessageTarget_thenThereIsNoOrigin(String uri) {
        assertThat(WebMessageTarget.originOf(uri)).isEmpty();
    }
}
