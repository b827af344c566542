package io.storezero.keycloak.webmessage.oidc;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakOidcLoginProtocol;
import io.storezero.keycloak.answer.AuthorizationAnswer;
import io.storezero.keycloak.answer.AuthorizationAnswers;
import io.storezero.keycloak.fedcm.FedCmLoginStatus;
import io.storezero.keycloak.webmessage.WebMessageDelivery;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's OIDC protocol; every finished response (success or error) passes the bundle's answer steps: the
 * web_message page instead of the fragment redirect Keycloak built when the login asked for web_message, then FedCM's
 * login status.
 *
 * <p>Keycloak coupling: through {@link KeycloakOidcLoginProtocol} (the hooks every authorization response passes
 * through).
 */
final class WebMessageLoginProtocol extends KeycloakOidcLoginProtocol {

    /** In order: the delivery makes the response the browser gets, the login status goes on that response. */
    private static final AuthorizationAnswers ANSWERS = new AuthorizationAnswers(List.of(new WebMessageDelivery(), new FedCmLoginStatus()));

    /** The factory's form, made from Keycloak's own protocol. */
    WebMessageLoginProtocol(LoginProtocol standard) {
        super(standard);
    }

    /** The form for the first request of a login. */
    WebMessageLoginProtocol(KeycloakSession session, EventBuilder event) {
        super(session, event);
    }

    @Override
    protected Response deliverResponse(AuthenticationSessionModel authSession, ClientSessionContext clientSessionCtx, Response redirect) {
        return ANSWERS.shape(AuthorizationAnswer.granted(keycloakSession(), events(), authSession, clientSessionCtx), redirect);
    }

    @Override
    protected Response deliverError(AuthenticationSessionModel authSession, Response redirect) {
        return ANSWERS.shape(AuthorizationAnswer.error(keycloakSession(), events(), authSession), redirect);
    }
}
