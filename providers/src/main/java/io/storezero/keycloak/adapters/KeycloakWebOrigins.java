package io.storezero.keycloak.adapters;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;

/**
 * The bundle's one answer to "is this origin a Web Origin of this client": used by web_message (on the first request
 * and again at delivery) and by the Auth0 token path's CORS (preflight and the errors it answers itself).
 *
 * <p>Keycloak behaviour relied on: {@link WebOriginsUtils#resolveValidWebOrigins(KeycloakSession, ClientModel)}, which
 * expands {@code +} to the origins of the client's redirect URIs and returns {@code *} as it is listed.
 * {@code KeycloakWebOriginsTest} pins its signature and runs it on a real client model.
 *
 * <p>Two rules, chosen by the caller ({@link Rule}): CORS answers exactly as Keycloak's own CORS decides, so that a
 * preflight admits what the real request will be admitted for; web_message admits only an origin listed by name.
 */
public final class KeycloakWebOrigins {

    /** How a listed Web Origin admits an origin. */
    public enum Rule {
        /** Keycloak's CORS rule ({@code Cors}): the origin is listed verbatim, or {@code *} is listed. */
        CORS,
        /**
         * The serialized origin (lower-case scheme and host, no default port) is listed, in any spelling; {@code *}
         * is not an origin and admits nothing: a web message is only ever posted to an origin listed by name.
         */
        NAMED_ORIGIN
    }

    static final String ANY_ORIGIN = "*";

    private KeycloakWebOrigins() {
    }

    public static boolean isWebOriginOf(KeycloakSession session, ClientModel client, String origin, Rule rule) {
        if (client == null || origin == null) {
            return false;
        }
        return matches(WebOriginsUtils.resolveValidWebOrigins(session, client), origin, rule);
    }

    /** The rule on Keycloak's resolved set; separate so that it is tested without a server. */
    static boolean matches(Set<String> webOrigins, String origin, Rule rule) {
        if (rule == Rule.CORS) {
            return webOrigins.contains(origin) || webOrigins.contains(ANY_ORIGIN);
        }
        Optional<String> serialized = serialized(origin);
        return serialized.isPresent()
                && webOrigins.stream().map(KeycloakWebOrigins::serialized).flatMap(Optional::stream).anyMatch(serialized.get()::equals);
    }

    /**
     * The serialized origin of an http(s) URI without user info or fragment (its path is ignored), or empty: the one
     * normalisation of origins, which web_message's target ({@code WebMessageTarget.originOf}) narrows further to
     * the characters a page may carry.
     */
    public static Optional<String> serialized(String uri) {
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
            int port = parsed.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
