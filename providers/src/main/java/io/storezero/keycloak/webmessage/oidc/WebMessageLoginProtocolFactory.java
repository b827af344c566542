package io.storezero.keycloak.webmessage.oidc;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolFactory;

/**
 * Keycloak's {@code openid-connect} login protocol, with web_message added. Keycloak has no SPI for response
 * modes, so the bundle takes the protocol's place: same id and order as the built-in factory, and Keycloak
 * prefers a factory from outside {@code org.keycloak} on equal order (it logs KC-SERVICES0047 at start).
 * Everything but the delivery of the authorization response is inherited unchanged.
 *
 * <p>Keycloak coupling: {@link OIDCLoginProtocolFactory#createProtocolEndpoint}, {@link OIDCLoginProtocolFactory#create}.
 */
public final class WebMessageLoginProtocolFactory extends OIDCLoginProtocolFactory {

    @Override
    public LoginProtocol create(KeycloakSession session) {
        OIDCLoginProtocol standard = (OIDCLoginProtocol) super.create(session);
        return new WebMessageLoginProtocol(standard.getConfig()).setSession(session);
    }

    @Override
    public Object createProtocolEndpoint(KeycloakSession session, EventBuilder event) {
        return new WebMessageLoginProtocolService(session, event);
    }
}
