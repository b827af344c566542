package io.storezero.keycloak.adapters;

import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.ErrorPageException;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's error page (the themed "We are sorry..." page), answered or thrown, and the message keys the bundle shows
 * on it, so that a refusal looks exactly like Keycloak's own.
 *
 * <p>Keycloak behaviour relied on: {@link ErrorPage#error}, the {@link ErrorPageException} constructor, and the
 * {@link Messages} keys below (the theme's messages bundle has them). {@code KeycloakErrorPagesTest} pins them.
 */
public final class KeycloakErrorPages {

    /** "Invalid redirect uri". */
    public static final String INVALID_REDIRECT_URI = Messages.INVALID_REDIRECT_URI;
    /** "Invalid parameter: {0}". */
    public static final String INVALID_PARAMETER = Messages.INVALID_PARAMETER;
    /** "Account is disabled, contact your administrator." */
    public static final String ACCOUNT_DISABLED = Messages.ACCOUNT_DISABLED;

    private KeycloakErrorPages() {
    }

    /** The error page as a response; {@code authSession} may be null. */
    public static Response page(KeycloakSession session, AuthenticationSessionModel authSession, Response.Status status,
                                String message, Object... parameters) {
        return ErrorPage.error(session, authSession, status, message, parameters);
    }

    /** The error page as an exception, for code that cannot return a response. */
    public static RuntimeException exception(KeycloakSession session, Response.Status status, String message, Object... parameters) {
        return new ErrorPageException(session, status, message, parameters);
    }
}
