package io.storezero.keycloak.webmessage.oidc;

import java.util.Optional;

import io.storezero.keycloak.adapters.KeycloakWebOrigins;
import io.storezero.keycloak.webmessage.WebMessageTarget;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * The web_message target check: a message may only go to the origin of a redirect URI Keycloak verified for the
 * client, and only if that origin is one of the client's Web Origins. Run on the first request (on the
 * {@code redirect_uri} parameter) and again at delivery (on the redirect URI the authentication session actually
 * carries), whatever path the request took.
 *
 * <p>Keycloak coupling: {@link KeycloakWebOrigins} with {@link KeycloakWebOrigins.Rule#NAMED_ORIGIN}: {@code +}
 * expands to the origins of the client's redirect URIs; {@code *} is not an origin, so it never admits a message.
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
        boolean listed = KeycloakWebOrigins.isWebOriginOf(session, client, origin.get(), KeycloakWebOrigins.Rule.NAMED_ORIGIN);
        return listed ? Optional.of(new WebMessageTarget(verifiedRedirectUri, origin.get())) : Optional.empty();
    }
}
