package io.storezero.keycloak.webmessage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
        if (uri == null) {
            return Optional.empty();
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme)) || parsed.getHost() == null
                    || parsed.getRawUserInfo() != null || parsed.getRawFragment() != null) {
                return Optional.empty();
            }
            String host = parsed.getHost().toLowerCase(Locale.ROOT);
            int port = parsed.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            String origin = scheme + "://" + host + (defaultPort ? "" : ":" + port);
            return SAFE_ORIGIN.matcher(origin).matches() ? Optional.of(origin) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
