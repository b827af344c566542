package io.storezero.keycloak.fedcm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.keycloak.adapters.KeycloakBrowserSession;
import io.storezero.keycloak.adapters.KeycloakDiscovery;
import io.storezero.keycloak.adapters.KeycloakFormPost;
import io.storezero.keycloak.adapters.KeycloakOidcEndpoints;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * {@code /realms/{realm}/fedcm/…}: the realm as a FedCM identity provider. The browser fetches {@code config.json}
 * (uncredentialed), then {@code accounts} with Keycloak's cookies, and after the user picked an account POSTs to
 * {@code assertion} with the page's origin. The assertion is a {@code prompt=none} authorization code request that
 * Keycloak's own authorization endpoint answers; the answer's {@code token} is the JSON text of its authorization
 * response ({@code code}, {@code iss}), which the page redeems at Keycloak's token endpoint with its PKCE verifier.
 * So a FedCM sign-in is never more permissive than a silent authentication of the same client, and Keycloak's token
 * endpoint makes the tokens. Every path is under the realm so the browser sends the realm-path identity cookie.
 *
 * <p>A realm in which no enabled client has FedCM on has no FedCM: every path answers 404, so a realm (the master
 * realm among them) is not an identity provider any site can ask for the signed-in account.
 */
public final class FedCmResource {

    private static final Logger LOG = Logger.getLogger(FedCmResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The event detail that marks Keycloak's LOGIN event of an assertion. */
    static final String EVENT_DETAIL = "fedcm";

    private final KeycloakSession session;

    FedCmResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path(FedCmResourceProviderFactory.CONFIG)
    public Response config() {
        if (!servedHere()) {
            return notFound();
        }
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
        if (!servedHere()) {
            return notFound();
        }
        if (!FedCm.isBrowserFetch(session.getContext().getRequestHeaders())) {
            return json(Response.status(Response.Status.BAD_REQUEST).entity(Map.of()));
        }
        // Looked at, not refreshed: any site may make the browser fetch this list.
        Optional<UserSessionModel> userSession = KeycloakBrowserSession.peek(session);
        if (userSession.isEmpty()) {
            return json(Response.ok(Map.of("accounts", List.of())).header(FedCm.SET_LOGIN_HEADER, FedCm.LOGGED_OUT));
        }
        return json(Response.ok(Map.of("accounts", List.of(account(userSession.get().getUser())))));
    }

    @POST
    @Path(FedCmResourceProviderFactory.ASSERTION)
    public Response assertion() {
        if (!servedHere()) {
            return notFound();
        }
        HttpHeaders headers = session.getContext().getRequestHeaders();
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        FedCmAssertionRequest request = FedCmAssertionRequest.of(headers.getHeaderString(FedCm.FETCH_DEST_HEADER), headers.getHeaderString("Origin"), form);
        if (!FedCm.isBrowserFetch(request.fetchDest())) {
            // Not the browser's own FedCM fetch: no event, nothing a script could learn from.
            return error(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, false), null);
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = request.clientId() == null ? null : realm.getClientByClientId(request.clientId());
        Optional<UserSessionModel> userSession = KeycloakBrowserSession.peek(session);
        Optional<FedCmAssertionRequest.Refusal> refusal = request.refusal(session, client, FedCm.dynamicClientsAllowed(realm),
                userSession.map(live -> live.getUser().getId()).orElse(null));
        if (refusal.isPresent()) {
            EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGIN)
                    .detail(EVENT_DETAIL, "true");
            if (client != null) {
                event.client(client);
            }
            userSession.ifPresent(live -> event.session(live).user(live.getUser()));
            event.detail(Details.REASON, refusal.get().code()).error(refusal.get().code().equals(FedCmAssertionRequest.ACCESS_DENIED)
                    ? Errors.USER_SESSION_NOT_FOUND : Errors.NOT_ALLOWED);
            return error(refusal.get(), request.origin());
        }
        FedCmAuthorization authorization = authorize(request);
        if (!authorization.isCode()) {
            return error(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, authorization.error(), true), request.origin());
        }
        return cors(json(Response.ok(Map.of("token", authorizationResponse(authorization.code(), KeycloakDiscovery.realmIssuer(session))))),
                request.origin());
    }

    /**
     * Keycloak's own answer to the assertion as a {@code prompt=none} code request, on this request's cookies; Keycloak
     * records the LOGIN event (or its error), marked with {@value #EVENT_DETAIL}.
     */
    private FedCmAuthorization authorize(FedCmAssertionRequest request) {
        String state = SecretGenerator.getInstance().randomString();
        EventBuilder event = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                .detail(EVENT_DETAIL, "true");
        Response keycloak;
        try {
            keycloak = KeycloakFormPost.replay(session, request.authorizationRequest(state), () -> KeycloakOidcEndpoints.of(session, event).authorizeForm());
        } catch (WebApplicationException refused) {
            // Keycloak's error page (unknown redirect URI, disabled client, ...): the page gets an error code, never Keycloak's markup.
            keycloak = refused.getResponse();
        }
        FedCmAuthorization authorization = FedCmAuthorization.of(keycloak, request.redirectUri(), state);
        if (!authorization.isCode()) {
            LOG.debugf("FedCM assertion for client %s: Keycloak answered %s", request.clientId(), authorization.error());
        }
        return authorization;
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

    /** The authorization response the page parses: the code and the issuer that made it (RFC 9207). */
    static String authorizationResponse(String code, String issuer) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(OAuth2Constants.CODE, code);
        fields.put(OAuth2Constants.ISSUER, issuer);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("authorization response not serializable", e);
        }
    }

    /**
     * Whether this realm is a FedCM identity provider: at least one enabled client has FedCM on. The realm's clients
     * are walked (Keycloak's client cache holds their attributes); an attribute search is not possible, as Keycloak
     * only searches the client attributes an operator made searchable.
     */
    private boolean servedHere() {
        RealmModel realm = session.getContext().getRealm();
        boolean dynamicClientsAllowed = FedCm.dynamicClientsAllowed(realm);
        return session.clients().getClientsStream(realm).anyMatch(client -> client.isEnabled() && FedCm.isEnabledFor(client, dynamicClientsAllowed));
    }

    private static Response notFound() {
        return json(Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "not_found")));
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
