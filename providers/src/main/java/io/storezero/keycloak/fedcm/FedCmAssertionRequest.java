package io.storezero.keycloak.fedcm;

import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakWebOrigins;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * One ID assertion request as the browser sends it, and every check it must pass before a token is issued. Kept apart
 * from the endpoint so that each check is tested on real inputs without a server.
 *
 * <p>The checks, in order: the browser made the request ({@code Sec-Fetch-Dest: webidentity}, which a page cannot
 * forge); an {@code Origin} is present; {@code client_id} names an enabled OIDC client of the realm with FedCM switched
 * on; the Origin is one of that client's Web Origins listed by name ({@code *} does not count); there is a browser
 * session, and {@code account_id} is its user. Only after the Origin passed may the refusal carry CORS headers (the
 * page may then read why); before, the page learns nothing.
 *
 * <p>The nonce: the top-level form field {@code nonce}, which Chromium 156 sends from the RP's {@code nonce}; the JSON
 * form field {@code params} is not read.
 */
record FedCmAssertionRequest(String fetchDest, String origin, String clientId, String accountId, String nonce) {

    static final String CLIENT_ID = "client_id";
    static final String ACCOUNT_ID = "account_id";
    static final String NONCE = "nonce";

    /** FedCM's error codes (the {@code error.code} of the assertion answer). */
    static final String INVALID_REQUEST = "invalid_request";
    static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    static final String ACCESS_DENIED = "access_denied";

    /** Keycloak's OIDC protocol id; a client without a protocol is OIDC too, Keycloak's default. */
    private static final String OIDC = "openid-connect";

    /** Why a request is refused: the status, FedCM's error code, and whether the answer may carry CORS headers. */
    record Refusal(Response.Status status, String code, boolean corsAllowed) {
    }

    static FedCmAssertionRequest of(String fetchDest, String origin, MultivaluedMap<String, String> form) {
        return new FedCmAssertionRequest(fetchDest, origin, form.getFirst(CLIENT_ID), form.getFirst(ACCOUNT_ID), form.getFirst(NONCE));
    }

    /**
     * The refusal, or empty when a token may be issued.
     *
     * @param client        the realm's client named by {@code client_id}, or null
     * @param sessionUserId the user of the browser's live session, or null
     */
    Optional<Refusal> refusal(KeycloakSession session, ClientModel client, String sessionUserId) {
        if (!FedCm.isBrowserFetch(fetchDest)) {
            return refuse(Response.Status.BAD_REQUEST, INVALID_REQUEST, false);
        }
        if (origin == null || origin.isBlank()) {
            return refuse(Response.Status.BAD_REQUEST, INVALID_REQUEST, false);
        }
        if (client == null || !client.isEnabled() || !(client.getProtocol() == null || OIDC.equals(client.getProtocol())) || !FedCm.isEnabledFor(client)) {
            return refuse(Response.Status.BAD_REQUEST, UNAUTHORIZED_CLIENT, false);
        }
        if (!KeycloakWebOrigins.isWebOriginOf(session, client, origin, KeycloakWebOrigins.Rule.NAMED_ORIGIN)) {
            return refuse(Response.Status.FORBIDDEN, UNAUTHORIZED_CLIENT, false);
        }
        if (sessionUserId == null || accountId == null || !sessionUserId.equals(accountId)) {
            return refuse(Response.Status.FORBIDDEN, ACCESS_DENIED, true);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(Response.Status status, String code, boolean corsAllowed) {
        return Optional.of(new Refusal(status, code, corsAllowed));
    }
}
