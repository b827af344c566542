package io.storezero.keycloak.auth0;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.LoginProtocolFactory;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;

/**
 * The realm's {@code openid-connect} protocol resource, obtained exactly as Keycloak's {@code RealmsResource.getProtocol}
 * does: through the login-protocol factory (this bundle's, which adds web_message to {@code auth}).
 *
 * <p>Keycloak coupling: {@link OIDCLoginProtocolService} and its sub-resource methods ({@code auth()}, {@code token()},
 * {@code issueUserInfo()}, {@code certs()}) are public but not SPI. The Auth0 integration tests exercise each of them.
 */
final class KeycloakOidcEndpoints {

    private KeycloakOidcEndpoints() {
    }

    static OIDCLoginProtocolService of(KeycloakSession session, EventBuilder event) {
        LoginProtocolFactory factory = (LoginProtocolFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(LoginProtocol.class, OIDCLoginProtocol.LOGIN_PROTOCOL);
        return (OIDCLoginProtocolService) factory.createProtocolEndpoint(session, event);
    }
}
