package io.storezero.it.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The token requests the unmodified auth0-spa-js sends to {@code /auth0/oauth/token}, JSON (its default) and form
 * ({@code useFormData}), both answered with verified tokens. What the endpoint does with input no SDK sends is proven at
 * the provider level (provider-tests, Auth0TokenInputIT).
 */
class Auth0SdkTokenRequestIT extends Auth0Test {

    @Test
    void theSdksJsonTokenRequestStillGivesVerifiedTokens() {
        Map<String, String> contentTypes = loginRecordingTokenRequests(Map.of("useFormData", false));

        assertThat(contentTypes.get("type")).isEqualTo("application/json");
        Map<String, Object> tokens = value(call("tokens", "spaClient.getTokenSilently({detailedResponse: true})"));
        Tokens.verifyAccessToken((String) tokens.get("access_token"), HTTPS_ISSUER, "spa");
        Tokens.verifyIdToken((String) tokens.get("id_token"), HTTPS_ISSUER, "spa");
    }

    @Test
    void theSdksFormTokenRequestStillGivesVerifiedTokens() {
        Map<String, String> contentTypes = loginRecordingTokenRequests(Map.of());

        assertThat(contentTypes.get("type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, Object> tokens = value(call("tokens", "spaClient.getTokenSilently({detailedResponse: true})"));
        Tokens.verifyAccessToken((String) tokens.get("access_token"), HTTPS_ISSUER, "spa");
    }

    /**
     * {@link #loginWithRedirect}, with the page's fetch wrapped to record the Content-Type of the code exchange, so the
     * test knows which path of the token endpoint the SDK took.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> loginRecordingTokenRequests(Map<String, Object> options) {
        openSdkApp("/");
        initSpa(options);
        start("login", "spaClient.loginWithRedirect()");
        browser.login("alice", "alice");
        awaitUrl(sdkApp("/callback"));
        openSdkAppKeepingUrl();
        browser.script("window.tokenRequest = {type: 'none'}; var realFetch = window.fetch;"
                + "window.fetch = function (url, init) {"
                + "  if (String(url).indexOf('/oauth/token') >= 0) {"
                + "    var headers = new Headers((init && init.headers) || {});"
                + "    window.tokenRequest = {type: (headers.get('content-type') || (init && init.body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : 'none')).split(';')[0]};"
                + "  }"
                + "  return realFetch.apply(this, arguments);"
                + "};");
        initSpa(options);
        value(call("callback", "spaClient.handleRedirectCallback()"));
        return (Map<String, String>) browser.script("return window.tokenRequest;");
    }
}
