package io.storezero.keycloak.webmessage.oidc;

import java.util.Optional;
import java.util.Set;

import io.storezero.keycloak.webmessage.WebMessageTarget;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;

/**
 * The one Web Origin check of the mode: a message may only go to the origin of a redirect URI Keycloak verified for
 * the client, and only if that origin is one of the client's Web Origins. Run on the first request (on the
 * {@code redirect_uri} parameter) and again at delivery (on the redirect URI the authentication session actually
 * carries), whatever path the request took.
 *
 * <p>Keycloak coupling: {@link WebOriginsUtils#resolveValidWebOrigins}, which expands {@code +} to the origins of the
 * client's redirect URIs. {@code *} expands to nothing here: it is not an origin, so it never admits a message.
 */
final class WebMessageOrigins {

    private WebMessageOrigins() {
    }

    /** The target for {@code verifiedRedirectUri}, or empty when no message may go there. */
    static Optional<WebMessageTarget> target(KeycloakSession session, ClientModel client, String verifiedRedirectUri) {
        Optional<String> origin = WebMessageTarget.originOf(verifiedRedirectUri);
        if (origin.isEmpty() || client == null) {
            return Optional.empty();
        }
        Set<String> webOrigins = WebOriginsUtils.resolveValidWebOrigins(session, client);
        boolean listed = webOrigins.stream().map(WebMessageTarget::originOf).flatMap(Optional::stream).anyMatch(origin.get()::equals);
        return listed ? Optional.of(new WebMessageTarget(verifiedRedirectUri, origin.get())) : Optional.empty();
    }
}
