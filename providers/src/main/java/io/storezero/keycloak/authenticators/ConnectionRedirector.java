package io.storezero.keycloak.authenticators;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticator;
import org.keycloak.constants.AdapterConstants;
import org.keycloak.events.Errors;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Sends the browser straight to the identity provider named by Auth0's {@code connection} parameter (or Keycloak's
 * {@code kc_idp_hint}, or the configured default). A name that is not an enabled identity provider of the realm gets
 * an error page saying so, instead of a silent fall-back to the login form.
 *
 * <p>Under {@code prompt=none} the browser is never sent anywhere: a hidden iframe cannot show a social provider's
 * page (they refuse framing), so the SPA would wait for its timeout. Any challenge of a passive flow is answered
 * {@code login_required} by Keycloak at once; this authenticator only makes sure the "forward prompt=none to the
 * provider" note is not set.
 *
 * <p>Keycloak coupling: extends Keycloak's {@link IdentityProviderAuthenticator} for its protected {@code redirect}
 * (the broker URL with the session code, tab and client data); relies on {@code AuthorizationEndpointBase} turning a
 * passive challenge into {@code login_required} and on unknown request parameters being kept as
 * {@value AuthorizationEndpoint#LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX}{@code <name>} client notes.
 */
final class ConnectionRedirector extends IdentityProviderAuthenticator {

    private static final Logger LOG = Logger.getLogger(ConnectionRedirector.class);

    static final String CONNECTION_PARAM = "connection";
    static final String CONNECTION_NOTE = AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + CONNECTION_PARAM;
    static final String UNKNOWN_CONNECTION_MESSAGE = "storezeroUnknownConnection";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (context.getForwardedErrorMessage() != null) {
            // Back from a failed broker login: let the user pick another way, as Keycloak's redirector does.
            context.attempted();
            return;
        }
        ConnectionRedirectorConfig config = ConnectionRedirectorConfig.of(context.getAuthenticatorConfig());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<String> connection = requestedConnection(authSession, config);
        if (connection.isEmpty() || config.isLocal(connection.get())) {
            context.attempted();
            return;
        }
        String alias = config.aliasFor(connection.get());
        IdentityProviderModel provider = context.getSession().identityProviders().getByAlias(alias);
        if (provider == null || !provider.isEnabled()) {
            // The requested name is user input: it goes into the event (data), never into the page or a log line.
            LOG.debugf("Requested connection is not an enabled identity provider of realm %s", context.getRealm().getName());
            context.getEvent().detail(CONNECTION_PARAM, connection.get()).error(Errors.UNKNOWN_IDENTITY_PROVIDER);
            context.failureChallenge(AuthenticationFlowError.IDENTITY_PROVIDER_NOT_FOUND,
                    context.form().setError(UNKNOWN_CONNECTION_MESSAGE).createErrorPage(Response.Status.BAD_REQUEST));
            return;
        }
        if (isPassive(authSession)) {
            authSession.removeAuthNote(AuthenticationProcessor.FORWARDED_PASSIVE_LOGIN);
            // Never delivered: Keycloak answers a challenge of a prompt=none flow with login_required.
            context.forceChallenge(Response.status(Response.Status.UNAUTHORIZED).build());
            return;
        }
        redirect(context, alias);
    }

    static Optional<String> requestedConnection(AuthenticationSessionModel authSession, ConnectionRedirectorConfig config) {
        String connection = authSession.getClientNote(CONNECTION_NOTE);
        if (isBlank(connection) && config.honourKcIdpHint()) {
            connection = authSession.getClientNote(AdapterConstants.KC_IDP_HINT);
        }
        if (isBlank(connection)) {
            return config.defaultConnection();
        }
        return Optional.of(connection.trim());
    }

    static boolean isPassive(AuthenticationSessionModel authSession) {
        return OIDCLoginProtocol.PROMPT_VALUE_NONE.equals(authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
