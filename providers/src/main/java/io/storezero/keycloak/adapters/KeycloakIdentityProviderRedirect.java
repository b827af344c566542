package io.storezero.keycloak.adapters;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticator;
import org.keycloak.constants.AdapterConstants;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;

/**
 * Keycloak's redirect of a browser flow to an identity provider (what its Identity Provider Redirector does for
 * {@code kc_idp_hint}), and the authentication-session notes a redirecting authenticator reads.
 *
 * <p>Keycloak behaviour relied on: the protected {@code IdentityProviderAuthenticator.redirect(context, alias)}
 * (broker URL with the session code, tab and client data; a challenge), reached through a private subclass;
 * unknown request parameters kept as client notes named
 * {@value AuthorizationEndpoint#LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX}{@code <name>};
 * {@code kc_idp_hint} kept as the note {@value AdapterConstants#KC_IDP_HINT}; the auth note
 * {@link AuthenticationProcessor#FORWARDED_PASSIVE_LOGIN} that forwards {@code prompt=none} to the provider.
 * {@code KeycloakIdentityProviderRedirectTest} pins them.
 */
public final class KeycloakIdentityProviderRedirect {

    /** Client note holding the {@code kc_idp_hint} request parameter. */
    public static final String KC_IDP_HINT_NOTE = AdapterConstants.KC_IDP_HINT;

    /** Auth note: forward {@code prompt=none} to the identity provider. */
    public static final String FORWARDED_PASSIVE_LOGIN_NOTE = AuthenticationProcessor.FORWARDED_PASSIVE_LOGIN;

    private static final Redirector REDIRECTOR = new Redirector();

    private KeycloakIdentityProviderRedirect() {
    }

    /** The client note Keycloak keeps a request parameter it does not know (such as Auth0's {@code connection}) in. */
    public static String requestParameterNote(String parameter) {
        return AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + parameter;
    }

    /** Challenges with Keycloak's redirect to the enabled identity provider {@code alias}; {@code attempted()} if none. */
    public static void redirect(AuthenticationFlowContext context, String alias) {
        REDIRECTOR.redirectTo(context, alias);
    }

    /** Only here to reach the protected redirect; stateless, as Keycloak's own authenticator. */
    private static final class Redirector extends IdentityProviderAuthenticator {
        void redirectTo(AuthenticationFlowContext context, String alias) {
            redirect(context, alias);
        }
    }
}
