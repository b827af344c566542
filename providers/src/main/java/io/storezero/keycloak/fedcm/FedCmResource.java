package io.storezero.keycloak.fedcm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.keycloak.adapters.KeycloakDiscovery;
import io.storezero.keycloak.adapters.KeycloakSsoSessionTokens;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessTokenResponse;

/**
 * {@code /realms/{realm}/fedcm/…}: the realm as a FedCM identity provider. The browser fetches {@code config.json}
 * (uncredentialed), then {@code accounts} with Keycloak's cookies, and after the user picked an account POSTs to
 * {@code assertion} with the page's origin; the answer's {@code token} is the JSON text of a token response (access
 * token, ID token with the page's nonce) that the browser hands to the page. Every path is under the realm so the
 * browser sends the realm-path identity cookie.
 */
public final class FedCmResource {

    private static final Logger LOG = Logger.getLogger(FedCmResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the event records as the way the user got tokens. */
    static final String AUTH_METHOD = "fedcm";

    private final KeycloakSession session;

    FedCmResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path(FedCmResourceProviderFactory.CONFIG)
    public Response config() {
        String base = endpointBase();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("accounts_endpoint", base + FedCmResourceProviderFactory.ACCOUNTS);
        config.put("id_assertion_endpoint", base + FedCmResourceProviderFactory.ASSERTION);
        config.put("login_url", loginUrl());
        RealmModel realm = session.getContext().getRealm();
        config.put("branding", Map.of("name", Optional.ofNullable(realm.getDisplayName()).filter(name -> !name.isBlank()).orElse(realm.getName())));
        return json(Response.ok(config));
    }

    @GET
    @Path(FedCmResourceProviderFactory.ACCOUNTS)
    public Response accounts() {
        if (!FedCm.isBrowserFetch(session.getContext().getRequestHeaders())) {
            return json(Response.status(Response.Status.BAD_REQUEST).entity(Map.of()));
        }
        Optional<UserSessionModel> userSession = KeycloakSsoSessionTokens.browserSession(session);
        if (userSession.isEmpty()) {
            return json(Response.ok(Map.of("accounts", List.of())).header(FedCm.SET_LOGIN_HEADER, FedCm.LOGGED_OUT));
        }
        return json(Response.ok(Map.of("accounts", List.of(account(userSession.get().getUser())))));
    }

    @POST
    @Path(FedCmResourceProviderFactory.ASSERTION)
    public Response assertion() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        FedCmAssertionRequest request = FedCmAssertionRequest.of(headers.getHeaderString(FedCm.FETCH_DEST_HEADER), headers.getHeaderString("Origin"),
                session.getContext().getHttpRequest().getDecodedFormParameters());
        if (!FedCm.isBrowserFetch(request.fetchDest())) {
            // Not the browser's own FedCM fetch: no event, nothing a script could learn from.
            return error(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, false), null);
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = request.clientId() == null ? null : realm.getClientByClientId(request.clientId());
        Optional<UserSessionModel> userSession = KeycloakSsoSessionTokens.browserSession(session);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGIN)
                .detail(Details.AUTH_METHOD, AUTH_METHOD);
        if (client != null) {
            event.client(client);
        }
        userSession.ifPresent(live -> event.session(live).user(live.getUser()));
        Optional<FedCmAssertionRequest.Refusal> refusal = request.refusal(session, client, userSession.map(live -> live.getUser().getId()).orElse(null));
        if (refusal.isPresent()) {
            event.detail(Details.REASON, refusal.get().code()).error(refusal.get().code().equals(FedCmAssertionRequest.ACCESS_DENIED)
                    ? Errors.USER_SESSION_NOT_FOUND : Errors.NOT_ALLOWED);
            return error(refusal.get(), request.origin());
        }
        AccessTokenResponse tokens = KeycloakSsoSessionTokens.issue(session, client, userSession.get(), KeycloakDiscovery.realmIssuer(session),
                request.nonce(), event);
        event.success();
        return cors(json(Response.ok(Map.of("token", tokenJson(tokens)))), request.origin());
    }

    /** The FedCM account of {@code user}: its id (what {@code account_id} names), name, given name, email. */
    static Map<String, Object> account(UserModel user) {
        Map<String, Object> account = new LinkedHashMap<>();
        String given = Optional.ofNullable(user.getFirstName()).filter(name -> !name.isBlank()).orElse(user.getUsername());
        String family = Optional.ofNullable(user.getLastName()).filter(name -> !name.isBlank()).map(name -> " " + name).orElse("");
        account.put("id", user.getId());
        account.put("name", given + family);
        account.put("given_name", given);
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            account.put("email", user.getEmail());
        }
        return account;
    }

    /** The token response the page parses: the five fields an SPA uses, nothing it should not keep (no refresh token). */
    static String tokenJson(AccessTokenResponse tokens) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(OAuth2Constants.ACCESS_TOKEN, tokens.getToken());
        fields.put("id_token", tokens.getIdToken());
        fields.put(OAuth2Constants.TOKEN_TYPE, tokens.getTokenType());
        fields.put(OAuth2Constants.EXPIRES_IN, tokens.getExpiresIn());
        fields.put(OAuth2Constants.SCOPE, tokens.getScope());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token response not serializable", e);
        }
    }

    private Response error(FedCmAssertionRequest.Refusal refusal, String origin) {
        LOG.debugf("FedCM assertion refused: %s", refusal.code());
        Response response = json(Response.status(refusal.status()).entity(Map.of("error", Map.of("code", refusal.code(), "url", loginUrl()))));
        return refusal.corsAllowed() ? cors(response, origin) : response;
    }

    /** The page's origin may read the answer, with the credentials the browser sent (FedCM's credentialed CORS). */
    private static Response cors(Response response, String origin) {
        return Response.fromResponse(response).header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", "true").header(HttpHeaders.VARY, "Origin").build();
    }

    private static Response json(Response.ResponseBuilder builder) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private String endpointBase() {
        return KeycloakDiscovery.realmIssuer(session) + "/" + FedCmResourceProviderFactory.PROVIDER_ID + "/";
    }

    /** Where the browser sends a user without a session: the realm's account console, which starts Keycloak's login. */
    private String loginUrl() {
        return KeycloakDiscovery.realmIssuer(session) + "/account";
    }
}
