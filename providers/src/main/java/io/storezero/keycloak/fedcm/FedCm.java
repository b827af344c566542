package io.storezero.keycloak.fedcm;

import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.models.ClientModel;

/**
 * The names FedCM (the browser's Federated Credential Management) is made of here: the per-client switch, the fetch
 * destination the browser marks its own requests with, and the login-status header.
 *
 * @see <a href="https://w3c-fedid.github.io/FedCM/">Federated Credential Management API</a>
 */
public final class FedCm {

    /**
     * Client attribute; {@code "true"} switches FedCM on for that client. Off by default: an assertion hands tokens to
     * a page without a redirect, so only a client whose owner asked for it answers one.
     */
    public static final String CLIENT_ENABLED_ATTRIBUTE = "storezero.fedcm.enabled";

    /**
     * {@code Sec-Fetch-Dest}: a forbidden request header that only the browser sets; {@code webidentity} marks its own
     * FedCM fetches, which no page script and no form can send. Required on accounts and assertion.
     */
    static final String FETCH_DEST_HEADER = "Sec-Fetch-Dest";
    static final String WEBIDENTITY = "webidentity";

    /** The login status header: tells the browser whether the user has a session here (FedCM asks only when logged-in). */
    public static final String SET_LOGIN_HEADER = "Set-Login";
    static final String LOGGED_IN = "logged-in";
    static final String LOGGED_OUT = "logged-out";

    private FedCm() {
    }

    public static boolean isEnabledFor(ClientModel client) {
        return "true".equalsIgnoreCase(client.getAttribute(CLIENT_ENABLED_ATTRIBUTE));
    }

    /** Whether the browser itself made this request as a FedCM fetch. */
    static boolean isBrowserFetch(HttpHeaders headers) {
        return isBrowserFetch(headers.getHeaderString(FETCH_DEST_HEADER));
    }

    static boolean isBrowserFetch(String fetchDest) {
        return Optional.ofNullable(fetchDest).map(String::trim).filter(WEBIDENTITY::equals).isPresent();
    }
}
