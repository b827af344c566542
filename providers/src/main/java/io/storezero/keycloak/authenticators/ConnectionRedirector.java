package io.storezero.keycloak.authenticators;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakIdentityProviderRedirect;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
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
 * <p>Keycloak coupling: {@link KeycloakIdentityProviderRedirect} (Keycloak's own redirect to a provider, and the notes
 * its request parameters are kept in); relies on {@code AuthorizationEndpointBase} turning a passive challenge into
 * {@code login_required}.
 */
final class ConnectionRedirector implements Authenticator {

    private static final Logger LOG = Logger.getLogger(ConnectionRedirector.class);

    static final String CONNECTION_PARAM = "connection";
    static final String CONNECTION_NOTE = KeycloakIdentityProviderRedirect.requestParameterNote(CONNECTION_PARAM);
    static final String UNKNOWN_CONNECTION_MESSAGE = "storezeroUnknownConnection";

    /** OIDC's {@code prompt=none}. */
    private static final String PROMPT_NONE = "none";

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
            authSession.removeAuthNote(KeycloakIdentityProviderRedirect.FORWARDED_PASSIVE_LOGIN_NOTE);
            // Never delivered: Keycloak answers a challenge of a prompt=none flow with login_required.
            context.forceChallenge(Response.status(Response.Status.UNAUTHORIZED).build());
            return;
        }
        KeycloakIdentityProviderRedirect.redirect(context, alias);
    }

    static Optional<String> requestedConnection(AuthenticationSessionModel authSession, ConnectionRedirectorConfig config) {
        String connection = authSession.getClientNote(CONNECTION_NOTE);
        if (isBlank(connection) && config.honourKcIdpHint()) {
            connection = authSession.getClientNote(KeycloakIdentityProviderRedirect.KC_IDP_HINT_NOTE);
        }
        if (isBlank(connection)) {
            return config.defaultConnection();
        }
        return Optional.of(connection.trim());
    }

    static boolean isPassive(AuthenticationSessionModel authSession) {
        return PROMPT_NONE.equals(authSession.getClientNote(OAuth2Constants.PROMPT));
    }

    /** No form of its own; as Keycloak's Identity Provider Redirector. */
    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
