package io.storezero.keycloak.adapters;

import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's browser security headers filter, which overwrites CSP and adds {@code X-Frame-Options} on every HTML
 * response. A page that must be framed by one origin (web_message) switches it off and sets every header itself.
 *
 * <p>Keycloak behaviour relied on: {@code SecurityHeadersProvider.options().skipHeaders()}.
 * {@code KeycloakSecurityHeadersTest} pins it.
 */
public final class KeycloakSecurityHeaders {

    private KeycloakSecurityHeaders() {
    }

    /** Keycloak adds no security headers to the current response: the caller sets them all. */
    public static void skipFor(KeycloakSession session) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
    }
}
