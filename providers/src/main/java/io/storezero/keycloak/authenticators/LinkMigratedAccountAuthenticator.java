package io.storezero.keycloak.authenticators;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakErrorPages;
import io.storezero.keycloak.adapters.KeycloakFirstBrokerLoginStep;
import io.storezero.keycloak.broker.UpstreamUserId;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * First-broker-login step: links the brokered identity to the one account whose upstream-user-id attribute equals
 * {@code <provider alias>|<upstream id>} of this login (accounts imported from an Auth0 export carry it), without
 * the "account already exists" detour. No match: {@code attempted}, so the normal first-broker-login alternatives
 * run. Never matches on e-mail or username. More than one match: stops with an error page and an event.
 *
 * <p>Keycloak coupling: {@link KeycloakFirstBrokerLoginStep} (the brokered identity of the login in progress); after
 * the flow Keycloak links the identity to the user set here.
 */
final class LinkMigratedAccountAuthenticator extends KeycloakFirstBrokerLoginStep {

    static final String AMBIGUOUS_ERROR = "ambiguous_upstream_user_id";
    static final String AMBIGUOUS_MESSAGE = "storezeroMigratedAccountAmbiguous";
    static final String DETAIL_UPSTREAM_USER_ID = "upstream_user_id";

    private static final Logger LOG = Logger.getLogger(LinkMigratedAccountAuthenticator.class);

    @Override
    protected void authenticate(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        String attribute = UpstreamUserId.attribute(config == null ? null : config.getConfig());
        String value = UpstreamUserId.of(brokerContext);

        MigratedAccountMatch<UserModel> match = MigratedAccountMatch.of(
                session.users().searchForUserByUserAttributeStream(realm, attribute, value)
                        .filter(user -> user.getServiceAccountClientLink() == null),
                user -> user.getAttributeStream(attribute).toList(), value);

        switch (match.outcome()) {
            case NONE -> {
                LOG.debugf("no account with %s of this %s login; continuing the first-broker-login flow", attribute, brokerContext.getIdpConfig().getAlias());
                context.attempted();
            }
            case ONE -> link(context, match.account(), attribute, value);
            case AMBIGUOUS -> refuseAmbiguous(context, brokerContext, attribute, value);
        }
    }

    @Override
    protected void action(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext) {
        // No form of its own: a POST can only re-run the lookup.
        authenticate(context, brokerContext);
    }

    private static void link(AuthenticationFlowContext context, UserModel user, String attribute, String value) {
        if (!user.isEnabled()) {
            context.failureChallenge(AuthenticationFlowError.USER_DISABLED,
                    context.form().setError(KeycloakErrorPages.ACCOUNT_DISABLED).createErrorPage(Response.Status.BAD_REQUEST));
            context.getEvent().user(user).detail(DETAIL_UPSTREAM_USER_ID, value).error(Errors.USER_DISABLED);
            return;
        }
        // Keycloak records the link itself (event FEDERATED_IDENTITY_LINK) once the flow has finished.
        LOG.debugf("linking the brokered identity to user %s, matched on %s", user.getId(), attribute);
        context.setUser(user);
        context.success();
    }

    private static void refuseAmbiguous(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext,
                                        String attribute, String value) {
        LOG.warnf("more than one user of realm %s has %s of one %s identity; not linking any",
                context.getRealm().getName(), attribute, brokerContext.getIdpConfig().getAlias());
        String idpName = KeycloakModelUtils.getIdentityProviderDisplayName(context.getSession(), brokerContext.getIdpConfig());
        Response page = context.form().setError(AMBIGUOUS_MESSAGE, idpName).createErrorPage(Response.Status.CONFLICT);
        context.failureChallenge(AuthenticationFlowError.USER_CONFLICT, page);
        context.getEvent().detail(DETAIL_UPSTREAM_USER_ID, value).error(AMBIGUOUS_ERROR);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
