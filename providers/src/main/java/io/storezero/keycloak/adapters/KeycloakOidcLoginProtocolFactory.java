package io.storezero.keycloak.adapters;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolFactory;

/**
 * Keycloak's {@code openid-connect} login-protocol factory, with the protocol and the authorization endpoint chosen by
 * the subclass. Keycloak has no SPI for response modes, so a response mode takes the protocol's place: same id and
 * order as the built-in factory, and Keycloak prefers a factory from outside {@code org.keycloak} on equal order (it
 * logs KC-SERVICES0047 at start). Everything else is inherited unchanged.
 *
 * <p>Keycloak behaviour relied on: {@link OIDCLoginProtocolFactory#create} (returns an {@code OIDCLoginProtocol}
 * holding the provider configuration) and {@link OIDCLoginProtocolFactory#createProtocolEndpoint} (the resource behind
 * {@code /protocol/openid-connect}, also how {@link KeycloakOidcEndpoints} finds it).
 * {@code KeycloakOidcLoginProtocolTest} pins them.
 */
public abstract class KeycloakOidcLoginProtocolFactory extends OIDCLoginProtocolFactory {

    /** The protocol for one session, made from Keycloak's own ({@code standard}, for its configuration). */
    protected abstract KeycloakOidcLoginProtocol protocol(LoginProtocol standard);

    /** The endpoint behind {@code /protocol/openid-connect/auth}, created per request. */
    protected abstract KeycloakAuthorizationEndpoint authorizationEndpoint(KeycloakSession session, EventBuilder event);

    @Override
    public final LoginProtocol create(KeycloakSession session) {
        return protocol(super.create(session)).setSession(session);
    }

    @Override
    public final Object createProtocolEndpoint(KeycloakSession session, EventBuilder event) {
        return new KeycloakOidcLoginProtocolService(session, event, this);
    }
}
