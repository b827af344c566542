package io.storezero.keycloak.adapters;

import java.util.List;
import java.util.Optional;

import org.keycloak.TokenVerifier;
import org.keycloak.cookie.CookieProvider;
import org.keycloak.cookie.CookieType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.TokenUtil;

/**
 * The browser's Keycloak SSO session, looked at without touching it: the user session named by Keycloak's identity
 * cookie, verified exactly as Keycloak verifies that cookie, but without what
 * {@code AuthenticationManager.authenticateIdentityCookie} does besides: it refreshes the session's idle time and
 * expires a stale cookie. FedCM's accounts list is fetched by the browser whenever any site asks for it, so reading
 * the session there must not keep it alive.
 *
 * <p>Keycloak behaviour relied on: {@link CookieProvider#get(CookieType)} with {@link CookieType#IDENTITY} (the
 * identity cookie's value), and the public static {@code AuthenticationManager.verifyIdentityToken(session, realm,
 * uriInfo, connection, checkActive, checkTokenType, checkAudience, isCookie, tokenString, headers, verifierConsumer)}
 * called with the arguments {@code authenticateIdentityCookie} passes (the token-type check of an identity cookie is
 * {@link TokenUtil#TOKEN_TYPE_KEYCLOAK_ID}). {@code KeycloakBrowserSessionTest} pins them.
 */
public final class KeycloakBrowserSession {

    private static final TokenVerifier.TokenTypeCheck IDENTITY_COOKIE = new TokenVerifier.TokenTypeCheck(List.of(TokenUtil.TOKEN_TYPE_KEYCLOAK_ID));

    private KeycloakBrowserSession() {
    }

    /** The live SSO session of the browser that sent this request, or empty; its idle time is left as it was. */
    public static Optional<UserSessionModel> peek(KeycloakSession session) {
        String cookie = session.getProvider(CookieProvider.class).get(CookieType.IDENTITY);
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        RealmModel realm = session.getContext().getRealm();
        AuthenticationManager.AuthResult result = AuthenticationManager.verifyIdentityToken(session, realm, session.getContext().getUri(),
                session.getContext().getConnection(), true, false, null, true, cookie, session.getContext().getRequestHeaders(),
                verifier -> verifier.withChecks(IDENTITY_COOKIE));
        return result == null ? Optional.empty() : Optional.ofNullable(result.session());
    }
}
