package io.storezero.keycloak.adapters;

import jakarta.ws.rs.Path;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;

/**
 * {@code /realms/{realm}/protocol/openid-connect}: Keycloak's resource, with the {@code auth} endpoint its factory
 * chooses ({@link KeycloakOidcLoginProtocolFactory#authorizationEndpoint}). Public because JAX-RS dispatches to it.
 *
 * <p>Keycloak behaviour relied on: {@link OIDCLoginProtocolService}'s constructor and its {@code @Path("auth")}
 * sub-resource locator {@code auth()}. {@code KeycloakOidcLoginProtocolTest} pins them.
 */
public class KeycloakOidcLoginProtocolService extends OIDCLoginProtocolService {

    private final KeycloakSession session;
    private final EventBuilder event;
    private final KeycloakOidcLoginProtocolFactory factory;

    KeycloakOidcLoginProtocolService(KeycloakSession session, EventBuilder event, KeycloakOidcLoginProtocolFactory factory) {
        super(session, event);
        this.session = session;
        this.event = event;
        this.factory = factory;
    }

    @Override
    @Path("auth")
    public Object auth() {
        return factory.authorizationEndpoint(session, event);
    }
}
