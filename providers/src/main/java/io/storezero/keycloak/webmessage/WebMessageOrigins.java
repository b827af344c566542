package io.storezero.keycloak.webmessage;

import java.util.Optional;

import io.storezero.keycloak.adapters.KeycloakWebOrigins;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * The web_message target check: a message may only go to the origin of a redirect URI Keycloak verified for the
 * client, and only if that origin is one of the client's Web Origins. Asked on the first request (on the
 * {@code redirect_uri} parameter) and at delivery (on the redirect URI the authentication session actually carries),
 * whatever path the request took; a request checks a client's redirect URI once, and the delivery of a silent answer
 * in the first request reuses that request's check.
 *
 * <p>Keycloak coupling: {@link KeycloakWebOrigins} with {@link KeycloakWebOrigins.Rule#NAMED_ORIGIN}: {@code +}
 * expands to the origins of the client's redirect URIs; {@code *} is not an origin, so it never admits a message.
 */
public final class WebMessageOrigins {

    /** Session attribute: the target this request admitted, for the client it was checked for. */
    private static final String CHECKED = WebMessageOrigins.class.getName() + ".checked";

    private record Checked(String clientId, WebMessageTarget target) {
    }

    private WebMessageOrigins() {
    }

    /** The target for {@code verifiedRedirectUri}, or empty when no message may go there. */
    public static Optional<WebMessageTarget> target(KeycloakSession session, ClientModel client, String verifiedRedirectUri) {
        if (client == null) {
            return Optional.empty();
        }
        Checked checked = session.getAttribute(CHECKED, Checked.class);
        if (checked != null && checked.clientId().equals(client.getClientId()) && checked.target().redirectUri().equals(verifiedRedirectUri)) {
            return Optional.of(checked.target());
        }
        Optional<WebMessageTarget> target = check(session, client, verifiedRedirectUri);
        target.ifPresent(admitted -> session.setAttribute(CHECKED, new Checked(client.getClientId(), admitted)));
        return target;
    }

    private static Optional<WebMessageTarget> check(KeycloakSession session, ClientModel client, String verifiedRedirectUri) {
        Optional<String> origin = WebMessageTarget.originOf(verifiedRedirectUri);
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        boolean listed = KeycloakWebOrigins.isWebOriginOf(session, client, origin.get(), KeycloakWebOrigins.Rule.NAMED_ORIGIN);
        return listed ? Optional.of(new WebMessageTarget(verifiedRedirectUri, origin.get())) : Optional.empty();
    }
}
