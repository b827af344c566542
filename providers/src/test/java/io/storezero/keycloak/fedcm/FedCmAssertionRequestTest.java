package io.storezero.keycloak.fedcm;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every check of the ID assertion endpoint, on the request as Chromium sends it and a client with real Web Origins
 * (resolved by Keycloak's own {@code WebOriginsUtils} through the bundle's one Web Origin check).
 */
class FedCmAssertionRequestTest {

    private static final String SPA = "https://spa.example";
    private static final String USER = "3f0c7a52-user";
    /** A well-formed S256 challenge: 43 characters of base64url. */
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    /** No session: Keycloak needs one only to resolve relative redirect URIs, and these are absolute. */
    private static final KeycloakSession NO_SESSION = null;

    private final ClientModel fedCmClient = client(true, "openid-connect", Set.of(SPA), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));

    @Test
    void theBrowsersOwnRequestForTheSessionsUserFromAWebOriginPasses() {
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, fedCmClient, false, USER)).isEmpty();
    }

    @Test
    void withoutTheBrowsersFetchDestinationNothingIsAnsweredNotEvenToAWebOrigin() {
        for (String dest : new String[] {null, "", "empty", "document", "iframe", "WEBIDENTITY-ish"}) {
            assertThat(request(dest, SPA, USER).refusal(NO_SESSION, fedCmClient, false, USER)).as("Sec-Fetch-Dest %s", dest)
                    .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, false));
        }
    }

    @Test
    void withoutAnOriginNothingIsAnswered() {
        assertThat(request("webidentity", null, USER).refusal(NO_SESSION, fedCmClient, false, USER))
                .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, false));
    }

    @Test
    void anOriginThatIsNotSerializedAsABrowserSendsItIsRefusedWithoutCors() {
        for (String origin : new String[] {"", "HTTPS://SPA.EXAMPLE", "https://spa.example/", "https://spa.example/callback",
                "https://spa.example:443", "null", "https://spa.example#x"}) {
            assertThat(request("webidentity", origin, USER).refusal(NO_SESSION, fedCmClient, false, USER)).as("Origin %s", origin)
                    .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, false));
        }
    }

    @Test
    void anOriginThatIsNotANamedWebOriginIsRefusedWithoutCors() {
        assertThat(request("webidentity", "https://evil.example", USER).refusal(NO_SESSION, fedCmClient, false, USER))
                .contains(new FedCmAssertionRequest.Refusal(Response.Status.FORBIDDEN, FedCmAssertionRequest.UNAUTHORIZED_CLIENT, false));
        // Same host, other scheme or port: another origin.
        assertThat(request("webidentity", "http://spa.example", USER).refusal(NO_SESSION, fedCmClient, false, USER)).isPresent();
        assertThat(request("webidentity", "https://spa.example:8443", USER).refusal(NO_SESSION, fedCmClient, false, USER)).isPresent();
    }

    @Test
    void aWildcardWebOriginAdmitsNoPage() {
        ClientModel wildcard = client(true, "openid-connect", Set.of("*"), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));

        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, wildcard, false, USER))
                .contains(new FedCmAssertionRequest.Refusal(Response.Status.FORBIDDEN, FedCmAssertionRequest.UNAUTHORIZED_CLIENT, false));
    }

    @Test
    void plusAdmitsTheOriginsOfTheRedirectUris() {
        ClientModel plus = client(true, "openid-connect", Set.of("+"), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));

        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, plus, false, USER)).isEmpty();
    }

    @Test
    void aClientWithoutTheSwitchOnIsRefusedFedCmIsOptIn() {
        for (Map<String, String> attributes : List.of(Map.<String, String>of(), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "false"),
                Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "yes"))) {
            ClientModel off = client(true, "openid-connect", Set.of(SPA), attributes);
            assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, off, false, USER)).as("attributes %s", attributes)
                    .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.UNAUTHORIZED_CLIENT, false));
        }
    }

    @Test
    void anUnknownDisabledOrNonOidcClientIsRefused() {
        Map<String, String> on = Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true");

        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, null, false, USER)).map(FedCmAssertionRequest.Refusal::code)
                .contains(FedCmAssertionRequest.UNAUTHORIZED_CLIENT);
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, client(false, "openid-connect", Set.of(SPA), on), false, USER))
                .map(FedCmAssertionRequest.Refusal::code).contains(FedCmAssertionRequest.UNAUTHORIZED_CLIENT);
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, client(true, "saml", Set.of(SPA), on), false, USER))
                .map(FedCmAssertionRequest.Refusal::code).contains(FedCmAssertionRequest.UNAUTHORIZED_CLIENT);
    }

    @Test
    void anAccountThatIsNotTheSessionsUserOrNoSessionIsDeniedAndThePageMayReadWhy() {
        FedCmAssertionRequest.Refusal denied = new FedCmAssertionRequest.Refusal(Response.Status.FORBIDDEN, FedCmAssertionRequest.ACCESS_DENIED, true);

        assertThat(request("webidentity", SPA, "another-user").refusal(NO_SESSION, fedCmClient, false, USER)).contains(denied);
        assertThat(request("webidentity", SPA, null).refusal(NO_SESSION, fedCmClient, false, USER)).contains(denied);
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, fedCmClient, false, null)).contains(denied);
    }

    @Test
    void theFormIsReadAsChromiumSendsItWithTheRpsParamsAsJson() {
        MultivaluedHashMap<String, String> form = form("{\"nonce\":\"n-1\",\"code_challenge\":\"" + CHALLENGE
                + "\",\"code_challenge_method\":\"S256\",\"redirect_uri\":\"" + SPA + "/callback\",\"scope\":\"openid email\"}");
        form.putSingle("nonce", "top-level");

        assertThat(FedCmAssertionRequest.of("webidentity", SPA, form)).isEqualTo(new FedCmAssertionRequest("webidentity", SPA, "storezero-spa",
                USER, "n-1", CHALLENGE, "S256", SPA + "/callback", "openid email"));
    }

    @Test
    void paramsThatAreNotAJsonObjectCarryNothingAndTheTopLevelNonceIsTheFallback() {
        for (String params : new String[] {null, "", "not json", "[1,2]", "\"text\"", "{\"code_challenge\":42}"}) {
            MultivaluedHashMap<String, String> form = form(params);
            form.putSingle("nonce", "top-level");
            FedCmAssertionRequest request = FedCmAssertionRequest.of("webidentity", SPA, form);

            assertThat(request.codeChallenge()).as("params %s", params).isNull();
            assertThat(request.redirectUri()).isNull();
            assertThat(request.nonce()).isEqualTo("top-level");
            assertThat(request.refusal(NO_SESSION, fedCmClient, false, USER)).as("params %s", params)
                    .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, true));
        }
    }

    @Test
    void withoutAnS256ChallengeNoCodeIsAskedFor() {
        FedCmAssertionRequest.Refusal invalid = new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, true);
        for (String[] pkce : new String[][] {{null, null}, {CHALLENGE, "plain"}, {CHALLENGE, null}, {"short", "S256"},
                {CHALLENGE.substring(1) + "=", "S256"}, {CHALLENGE + "A", "S256"}}) {
            FedCmAssertionRequest request = new FedCmAssertionRequest("webidentity", SPA, "storezero-spa", USER, "n-1", pkce[0], pkce[1],
                    SPA + "/callback", null);
            assertThat(request.refusal(NO_SESSION, fedCmClient, false, USER)).as("challenge %s method %s", pkce[0], pkce[1]).contains(invalid);
        }
    }

    @Test
    void theRedirectUriMustBeOfThePagesOwnOrigin() {
        FedCmAssertionRequest.Refusal invalid = new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, true);
        for (String redirectUri : new String[] {null, "", "/callback", "https://evil.example/callback", "http://spa.example/callback",
                "https://spa.example:8443/callback", "https://user@spa.example/callback", "javascript:alert(1)"}) {
            FedCmAssertionRequest request = new FedCmAssertionRequest("webidentity", SPA, "storezero-spa", USER, "n-1", CHALLENGE, "S256",
                    redirectUri, null);
            assertThat(request.refusal(NO_SESSION, fedCmClient, false, USER)).as("redirect_uri %s", redirectUri).contains(invalid);
        }
    }

    @Test
    void aDynamicallyRegisteredClientCountsOnlyWhereTheRealmAllowsIt() {
        ClientModel registered = client(true, "openid-connect", Set.of(SPA), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"), "registration-token-id");

        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, registered, false, USER))
                .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.UNAUTHORIZED_CLIENT, false));
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, registered, true, USER)).isEmpty();
    }

    @Test
    void theAuthorizationRequestIsASilentCodeRequestWithThePagesChallenge() {
        MultivaluedMap<String, String> authorization = new FedCmAssertionRequest("webidentity", SPA, "storezero-spa", USER, "n-1", CHALLENGE,
                "S256", SPA + "/callback", null).authorizationRequest("st-1");

        assertThat(authorization).containsExactlyInAnyOrderEntriesOf(Map.of("client_id", List.of("storezero-spa"), "response_type", List.of("code"),
                "response_mode", List.of("query"), "prompt", List.of("none"), "redirect_uri", List.of(SPA + "/callback"),
                "scope", List.of("openid"), "state", List.of("st-1"), "code_challenge", List.of(CHALLENGE),
                "code_challenge_method", List.of("S256"), "nonce", List.of("n-1")));
    }

    @Test
    void aScopeThePageNamesIsAskedForAsItIs() {
        assertThat(new FedCmAssertionRequest("webidentity", SPA, "storezero-spa", USER, null, CHALLENGE, "S256", SPA + "/callback", "openid email")
                .authorizationRequest("st").get("scope")).containsExactly("openid email");
    }

    private static MultivaluedHashMap<String, String> form(String params) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("client_id", "storezero-spa");
        form.putSingle("account_id", USER);
        if (params != null) {
            form.putSingle("params", params);
        }
        form.putSingle("disclosure_text_shown", "true");
        return form;
    }

    private static FedCmAssertionRequest request(String fetchDest, String origin, String accountId) {
        return new FedCmAssertionRequest(fetchDest, origin, "storezero-spa", accountId, "n-1", CHALLENGE, "S256", SPA + "/callback", null);
    }

    /** A client as the realm holds it: what the checks and Keycloak's Web Origin resolution read; anything else fails. */
    private static ClientModel client(boolean enabled, String protocol, Set<String> webOrigins, Map<String, String> attributes) {
        return client(enabled, protocol, webOrigins, attributes, null);
    }

    private static ClientModel client(boolean enabled, String protocol, Set<String> webOrigins, Map<String, String> attributes,
                                      String registrationToken) {
        Set<String> redirectUris = Set.of(SPA + "/callback");
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[] {ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isEnabled" -> enabled;
                    case "getProtocol" -> protocol;
                    case "getAttribute" -> Optional.ofNullable(attributes.get((String) args[0])).orElse(null);
                    case "getWebOrigins" -> webOrigins;
                    case "getRedirectUris" -> redirectUris;
                    case "getRootUrl" -> null;
                    case "getClientId" -> "storezero-spa";
                    case "getRegistrationToken" -> registrationToken;
                    default -> throw new UnsupportedOperationException("the FedCM check now reads ClientModel." + method.getName());
                });
    }
}
