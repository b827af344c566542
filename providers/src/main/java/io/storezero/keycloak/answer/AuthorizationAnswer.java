package io.storezero.keycloak.answer;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One authorization answer of a login on its way to the client: what the steps that shape it may read.
 *
 * @param session          the request's session
 * @param event            the request's event, for what a step adds to the login event Keycloak records
 * @param authSession      the login the answer ends
 * @param clientSessionCtx Keycloak's context of the issued tokens; null on an error answer
 * @param granted          a successful answer (code or tokens), not an error
 */
public record AuthorizationAnswer(KeycloakSession session, EventBuilder event, AuthenticationSessionModel authSession,
                                  ClientSessionContext clientSessionCtx, boolean granted) {

    public static AuthorizationAnswer granted(KeycloakSession session, EventBuilder event, AuthenticationSessionModel authSession,
                                              ClientSessionContext clientSessionCtx) {
        return new AuthorizationAnswer(session, event, authSession, clientSessionCtx, true);
    }

    public static AuthorizationAnswer error(KeycloakSession session, EventBuilder event, AuthenticationSessionModel authSession) {
        return new AuthorizationAnswer(session, event, authSession, null, false);
    }
}
