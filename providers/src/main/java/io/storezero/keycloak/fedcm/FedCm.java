package io.storezero.keycloak.fedcm;

import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * The names FedCM (the browser's Federated Credential Management) is made of here: the per-client switch, the fetch
 * destination the browser marks its own requests with, and the login-status header.
 *
 * @see <a href="https://w3c-fedid.github.io/FedCM/">Federated Credential Management API</a>
 */
public final class FedCm {

    /**
     * Client attribute; {@code "true"} switches FedCM on for that client. Off by default: an assertion hands an
     * authorization code to a page without a redirect, so only a client whose owner asked for it answers one.
     */
    public static final String CLIENT_ENABLED_ATTRIBUTE = "storezero.fedcm.enabled";

    /**
     * Realm attribute; {@code "true"} lets the FedCM switch count on clients that dynamic client registration can
     * write (those holding a registration access token). Off by default: anyone allowed to register a client (anonymous
     * registration, or an initial access token) could otherwise switch FedCM on for it; an administrator decides.
     */
    public static final String REALM_DYNAMIC_CLIENTS_ATTRIBUTE = "storezero.fedcm.dynamic-clients";

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

    /**
     * Whether FedCM is on for {@code client}: the switch is exactly {@code "true"}, and the client is not one that
     * dynamic client registration can write unless the realm allows those ({@link #REALM_DYNAMIC_CLIENTS_ATTRIBUTE}).
     * A client registered dynamically carries a registration access token; one an administrator created has none
     * until an administrator issues one.
     */
    public static boolean isEnabledFor(ClientModel client, boolean dynamicClientsAllowed) {
        return isSwitchedOn(client)
                && (dynamicClientsAllowed || client.getRegistrationToken() == null);
    }

    /** Whether the client's own switch ({@link #CLIENT_ENABLED_ATTRIBUTE}) is on, whoever registered the client. */
    public static boolean isSwitchedOn(ClientModel client) {
        return "true".equals(client.getAttribute(CLIENT_ENABLED_ATTRIBUTE));
    }

    /** Whether the realm lets the switch count on dynamically registered clients. */
    public static boolean dynamicClientsAllowed(RealmModel realm) {
        return "true".equals(realm.getAttribute(REALM_DYNAMIC_CLIENTS_ATTRIBUTE));
    }

    /** Whether the browser itself made this request as a FedCM fetch. */
    static boolean isBrowserFetch(HttpHeaders headers) {
        return isBrowserFetch(headers.getHeaderString(FETCH_DEST_HEADER));
    }

    static boolean isBrowserFetch(String fetchDest) {
        return Optional.ofNullable(fetchDest).map(String::trim).filter(WEBIDENTITY::equals).isPresent();
    }
}
