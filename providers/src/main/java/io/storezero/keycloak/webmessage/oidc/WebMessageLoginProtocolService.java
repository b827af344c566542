package io.storezero.keycloak.webmessage.oidc;

import jakarta.ws.rs.Path;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;

/**
 * {@code /realms/{realm}/protocol/openid-connect}: Keycloak's resource, with the {@code auth} endpoint
 * answering web_message as well. Keycloak's {@code AuthorizationEndpoint} builds its first response with
 * {@code new OIDCLoginProtocol(...)}, not through the factory, so the endpoint has to be ours too.
 */
public class WebMessageLoginProtocolService extends OIDCLoginProtocolService {

    private final KeycloakSession session;
    private final EventBuilder event;

    public WebMessageLoginProtocolService(KeycloakSession session, EventBuilder event) {
        super(session, event);
        this.session = session;
        this.event = event;
    }

    @Override
    @Path("auth")
    public Object auth() {
        return new WebMessageAuthorizationEndpoint(session, event);
    }
}
