package io.storezero.keycloak.adapters;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.utils.RedirectUtils;

/**
 * Keycloak's own checks of a redirect URI against a client's registration, so that the bundle never accepts a URI
 * Keycloak's endpoints would refuse.
 *
 * <p>Keycloak behaviour relied on: {@link RedirectUtils#verifyRedirectUri} (both overloads; the answer is the URI to
 * use, or null when it is not valid) and {@link OIDCAdvancedConfigWrapper#getPostLogoutRedirectUris()}.
 * {@code KeycloakRedirectUrisTest} pins their signatures and runs them on a real client model.
 */
public final class KeycloakRedirectUris {

    private KeycloakRedirectUris() {
    }

    /** The redirect URI to use for an authorization request, or null when it is not one of the client's. */
    public static String verifyRedirectUri(KeycloakSession session, String redirectUri, ClientModel client) {
        return RedirectUtils.verifyRedirectUri(session, redirectUri, client);
    }

    /** {@code uri} when it is one of the client's Valid Post Logout Redirect URIs, else null. */
    public static String verifyPostLogoutRedirectUri(KeycloakSession session, ClientModel client, String uri) {
        List<String> registered = OIDCAdvancedConfigWrapper.fromClientModel(client).getPostLogoutRedirectUris();
        Set<String> valid = registered == null ? new HashSet<>() : new HashSet<>(registered);
        return RedirectUtils.verifyRedirectUri(session, client.getRootUrl(), uri, valid, true);
    }

    /** Whether the client asked Keycloak to leave {@code iss} out of its authorization responses. */
    public static boolean excludesIssuerFromAuthResponse(ClientModel client) {
        return OIDCAdvancedConfigWrapper.fromClientModel(client).isExcludeIssuerFromAuthResponse();
    }
}
