package io.storezero.keycloak.webmessage;

import java.util.Optional;
import java.util.regex.Pattern;

import io.storezero.keycloak.adapters.KeycloakWebOrigins;

/**
 * Where a web message may go: the validated {@code redirect_uri} and its origin, which becomes the
 * exact {@code targetOrigin} of {@code postMessage} and the only allowed {@code frame-ancestors}.
 */
public record WebMessageTarget(String redirectUri, String origin) {

    /** What survives into a script literal and a CSP header: scheme, host and port, nothing else. */
    private static final Pattern SAFE_ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

    /**
     * The origin of an http(s) URI without user info or fragment, or empty when the URI cannot be a
     * web_message target (custom schemes, opaque URIs, fragments, odd characters).
     */
    public static Optional<String> originOf(String uri) {
        return KeycloakWebOrigins.serialized(uri).filter(origin -> SAFE_ORIGIN.matcher(origin).matches());
    }
}
