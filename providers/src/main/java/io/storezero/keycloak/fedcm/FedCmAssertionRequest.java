package io.storezero.keycloak.fedcm;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.keycloak.adapters.KeycloakOidcEndpoints;
import io.storezero.keycloak.adapters.KeycloakWebOrigins;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * One ID assertion request as the browser sends it, the checks that are FedCM's own, and the authorization request it
 * becomes. Kept apart from the endpoint so that each check is tested on real inputs without a server.
 *
 * <p>The checks, in order: the browser made the request ({@code Sec-Fetch-Dest: webidentity}, which a page cannot
 * forge); an {@code Origin} is present and is a serialized origin, exactly as a browser sends it; {@code client_id} names an enabled OIDC client of the realm with FedCM switched
 * on; the Origin is one of that client's Web Origins listed by name ({@code *} does not count); there is a browser
 * session, and {@code account_id} is its user; the page sent a PKCE challenge ({@code S256}) and a redirect URI of its
 * own origin in the RP's {@code params}. Only after the Origin passed may the refusal carry CORS headers (the page may
 * then read why); before, the page learns nothing.
 *
 * <p>What is not checked here is not skipped: the request then becomes a {@code prompt=none} authorization code request
 * ({@link #authorizationRequest(String)}) that Keycloak's own authorization endpoint answers, with every check a
 * silent authentication of that client gets (consent, required actions, enabled flows, client policies, acr, realm and
 * SSL settings, the redirect URI's registration).
 *
 * <p>The form: {@code client_id}, {@code account_id}, and {@code params}, the JSON text of the RP's {@code params}
 * object ({@code code_challenge}, {@code code_challenge_method}, {@code redirect_uri}, and optionally {@code nonce} and
 * {@code scope}). A top-level {@code nonce} field, which older Chromium sends from the RP's top-level {@code nonce}, is
 * used when {@code params} has none.
 */
record FedCmAssertionRequest(String fetchDest, String origin, String clientId, String accountId, String nonce,
                             String codeChallenge, String codeChallengeMethod, String redirectUri, String scope) {

    static final String CLIENT_ID = "client_id";
    static final String ACCOUNT_ID = "account_id";
    static final String NONCE = "nonce";
    static final String PARAMS = "params";
    /** OAuth 2.0 Multiple Response Types' parameter; Keycloak's answer is read from the redirect's query. */
    private static final String RESPONSE_MODE = "response_mode";

    /** FedCM's error codes (the {@code error.code} of the assertion answer), OAuth's names. */
    static final String INVALID_REQUEST = "invalid_request";
    static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    static final String ACCESS_DENIED = "access_denied";

    /** The one PKCE method accepted: a page that can run FedCM can hash. */
    static final String S256 = "S256";
    /** RFC 7636 4.2: BASE64URL of a SHA-256 digest, 43 characters. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** What the authorization asks for when the page names no scope. */
    static final String DEFAULT_SCOPE = "openid";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a request is refused: the status, FedCM's error code, and whether the answer may carry CORS headers. */
    record Refusal(Response.Status status, String code, boolean corsAllowed) {
    }

    static FedCmAssertionRequest of(String fetchDest, String origin, MultivaluedMap<String, String> form) {
        JsonNode params = params(form.getFirst(PARAMS));
        String nonce = text(params, NONCE).orElse(form.getFirst(NONCE));
        return new FedCmAssertionRequest(fetchDest, origin, form.getFirst(CLIENT_ID), form.getFirst(ACCOUNT_ID), nonce,
                text(params, OAuth2Constants.CODE_CHALLENGE).orElse(null), text(params, OAuth2Constants.CODE_CHALLENGE_METHOD).orElse(null),
                text(params, OAuth2Constants.REDIRECT_URI).orElse(null), text(params, OAuth2Constants.SCOPE).orElse(null));
    }

    /**
     * The refusal, or empty when the request may go to Keycloak's authorization endpoint.
     *
     * @param client                the realm's client named by {@code client_id}, or null
     * @param dynamicClientsAllowed whether the realm lets FedCM's switch count on dynamically registered clients
     * @param sessionUserId         the user of the browser's live session, or null
     */
    Optional<Refusal> refusal(KeycloakSession session, ClientModel client, boolean dynamicClientsAllowed, String sessionUserId) {
        if (!FedCm.isBrowserFetch(fetchDest)) {
            return refuse(Response.Status.BAD_REQUEST, INVALID_REQUEST, false);
        }
        if (origin == null || !KeycloakWebOrigins.serialized(origin).filter(origin::equals).isPresent()) {
            // The browser sends the serialized origin; anything else (upper case, a path, a trailing slash) is not it.
            return refuse(Response.Status.BAD_REQUEST, INVALID_REQUEST, false);
        }
        if (client == null || !client.isEnabled() || !(client.getProtocol() == null || KeycloakOidcEndpoints.PROTOCOL.equals(client.getProtocol()))
                || !FedCm.isEnabledFor(client, dynamicClientsAllowed)) {
            return refuse(Response.Status.BAD_REQUEST, UNAUTHORIZED_CLIENT, false);
        }
        if (!KeycloakWebOrigins.isWebOriginOf(session, client, origin, KeycloakWebOrigins.Rule.NAMED_ORIGIN)) {
            return refuse(Response.Status.FORBIDDEN, UNAUTHORIZED_CLIENT, false);
        }
        if (sessionUserId == null || accountId == null || !sessionUserId.equals(accountId)) {
            return refuse(Response.Status.FORBIDDEN, ACCESS_DENIED, true);
        }
        if (codeChallenge == null || !S256_CHALLENGE.matcher(codeChallenge).matches() || !S256.equals(codeChallengeMethod)) {
            return refuse(Response.Status.BAD_REQUEST, INVALID_REQUEST, true);
        }
        // The Origin is serialized (checked above), so the redirect URI's origin must equal it as it is.
        if (!KeycloakWebOrigins.serialized(redirectUri).filter(origin::equals).isPresent()) {
            return refuse(Response.Status.BAD_REQUEST, INVALID_REQUEST, true);
        }
        return Optional.empty();
    }

    /**
     * The {@code prompt=none} authorization code request this assertion stands for, as Keycloak's authorization
     * endpoint reads it; {@code state} is the endpoint's own, to be found again in Keycloak's answer.
     */
    MultivaluedMap<String, String> authorizationRequest(String state) {
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>();
        request.putSingle(OAuth2Constants.CLIENT_ID, clientId);
        request.putSingle(OAuth2Constants.RESPONSE_TYPE, OAuth2Constants.CODE);
        request.putSingle(RESPONSE_MODE, "query");
        request.putSingle(OAuth2Constants.PROMPT, "none");
        request.putSingle(OAuth2Constants.REDIRECT_URI, redirectUri);
        request.putSingle(OAuth2Constants.SCOPE, scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope);
        request.putSingle(OAuth2Constants.STATE, state);
        request.putSingle(OAuth2Constants.CODE_CHALLENGE, codeChallenge);
        request.putSingle(OAuth2Constants.CODE_CHALLENGE_METHOD, codeChallengeMethod);
        if (nonce != null && !nonce.isBlank()) {
            request.putSingle(NONCE, nonce);
        }
        return request;
    }

    private static Optional<Refusal> refuse(Response.Status status, String code, boolean corsAllowed) {
        return Optional.of(new Refusal(status, code, corsAllowed));
    }

    /** The RP's {@code params} object, or null when absent or not a JSON object (then every parameter is missing). */
    private static JsonNode params(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    private static Optional<String> text(JsonNode params, String name) {
        return Optional.ofNullable(params).map(node -> node.get(name)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }
}
