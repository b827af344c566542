package io.storezero.keycloak.fedcm;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;

/**
 * What Keycloak's authorization endpoint answered to the {@code prompt=none} request an assertion became: an
 * authorization code, or an OAuth error. Read from the query of Keycloak's redirect to the redirect URI
 * ({@code response_mode=query}); the redirect must point at that URI and carry the state the endpoint sent, so an
 * answer that is not the answer to this request is never taken for one. Anything else Keycloak answered (an error page, a login form) is an
 * {@code invalid_request}: a page never receives Keycloak's markup.
 *
 * @param code  the authorization code, or null
 * @param error the OAuth error code, or null
 */
record FedCmAuthorization(String code, String error) {

    private static final int FOUND = 302;
    private static final int SEE_OTHER = 303;

    static FedCmAuthorization of(Response keycloak, String redirectUri, String state) {
        int status = keycloak.getStatus();
        URI location = keycloak.getLocation();
        if ((status != FOUND && status != SEE_OTHER) || location == null) {
            return error(FedCmAssertionRequest.INVALID_REQUEST);
        }
        return of(location.toString(), redirectUri, state);
    }

    static FedCmAuthorization of(String location, String redirectUri, String state) {
        Map<String, String> params = location == null ? null : paramsAt(location, redirectUri);
        if (params == null || !state.equals(params.get(OAuth2Constants.STATE))) {
            return error(FedCmAssertionRequest.INVALID_REQUEST);
        }
        String error = params.get(OAuth2Constants.ERROR);
        if (error != null) {
            return error(error.matches("[a-z_]{1,64}") ? error : FedCmAssertionRequest.INVALID_REQUEST);
        }
        String code = params.get(OAuth2Constants.CODE);
        return code == null || code.isEmpty() ? error(FedCmAssertionRequest.INVALID_REQUEST) : new FedCmAuthorization(code, null);
    }

    static FedCmAuthorization error(String error) {
        return new FedCmAuthorization(null, error);
    }

    boolean isCode() {
        return code != null;
    }

    /**
     * The query parameters of {@code location} if it points at {@code redirectUri} (same scheme, authority and path),
     * else null; a name given twice keeps its last value, the one Keycloak appended after the redirect URI's own.
     */
    private static Map<String, String> paramsAt(String location, String redirectUri) {
        URI at;
        URI expected;
        try {
            at = new URI(location);
            expected = new URI(redirectUri);
        } catch (URISyntaxException notAUri) {
            return null;
        }
        if (!at.isAbsolute() || !at.getScheme().equalsIgnoreCase(expected.getScheme())
                || !String.valueOf(at.getRawAuthority()).equalsIgnoreCase(String.valueOf(expected.getRawAuthority()))
                || !String.valueOf(at.getRawPath()).equals(String.valueOf(expected.getRawPath()))) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (at.getRawQuery() == null) {
            return params;
        }
        for (String pair : at.getRawQuery().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
