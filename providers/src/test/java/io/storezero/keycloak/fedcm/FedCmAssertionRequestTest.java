package io.storezero.keycloak.fedcm;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    /** No session: Keycloak needs one only to resolve relative redirect URIs, and these are absolute. */
    private static final KeycloakSession NO_SESSION = null;

    private final ClientModel fedCmClient = client(true, "openid-connect", Set.of(SPA), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));

    @Test
    void theBrowsersOwnRequestForTheSessionsUserFromAWebOriginPasses() {
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, fedCmClient, USER)).isEmpty();
    }

    @Test
    void withoutTheBrowsersFetchDestinationNothingIsAnsweredNotEvenToAWebOrigin() {
        for (String dest : new String[] {null, "", "empty", "document", "iframe", "WEBIDENTITY-ish"}) {
            assertThat(request(dest, SPA, USER).refusal(NO_SESSION, fedCmClient, USER)).as("Sec-Fetch-Dest %s", dest)
                    .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, false));
        }
    }

    @Test
    void withoutAnOriginNothingIsAnswered() {
        assertThat(request("webidentity", null, USER).refusal(NO_SESSION, fedCmClient, USER))
                .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.INVALID_REQUEST, false));
    }

    @Test
    void anOriginThatIsNotANamedWebOriginIsRefusedWithoutCors() {
        assertThat(request("webidentity", "https://evil.example", USER).refusal(NO_SESSION, fedCmClient, USER))
                .contains(new FedCmAssertionRequest.Refusal(Response.Status.FORBIDDEN, FedCmAssertionRequest.UNAUTHORIZED_CLIENT, false));
        // Same host, other scheme or port: another origin.
        assertThat(request("webidentity", "http://spa.example", USER).refusal(NO_SESSION, fedCmClient, USER)).isPresent();
        assertThat(request("webidentity", "https://spa.example:8443", USER).refusal(NO_SESSION, fedCmClient, USER)).isPresent();
    }

    @Test
    void aWildcardWebOriginAdmitsNoPage() {
        ClientModel wildcard = client(true, "openid-connect", Set.of("*"), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));

        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, wildcard, USER))
                .contains(new FedCmAssertionRequest.Refusal(Response.Status.FORBIDDEN, FedCmAssertionRequest.UNAUTHORIZED_CLIENT, false));
    }

    @Test
    void plusAdmitsTheOriginsOfTheRedirectUris() {
        ClientModel plus = client(true, "openid-connect", Set.of("+"), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));

        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, plus, USER)).isEmpty();
    }

    @Test
    void aClientWithoutTheSwitchOnIsRefusedFedCmIsOptIn() {
        for (Map<String, String> attributes : java.util.List.of(Map.<String, String>of(), Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "false"),
                Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "yes"))) {
            ClientModel off = client(true, "openid-connect", Set.of(SPA), attributes);
            assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, off, USER)).as("attributes %s", attributes)
                    .contains(new FedCmAssertionRequest.Refusal(Response.Status.BAD_REQUEST, FedCmAssertionRequest.UNAUTHORIZED_CLIENT, false));
        }
    }

    @Test
    void anUnknownDisabledOrNonOidcClientIsRefused() {
        Map<String, String> on = Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true");

        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, null, USER)).map(FedCmAssertionRequest.Refusal::code)
                .contains(FedCmAssertionRequest.UNAUTHORIZED_CLIENT);
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, client(false, "openid-connect", Set.of(SPA), on), USER))
                .map(FedCmAssertionRequest.Refusal::code).contains(FedCmAssertionRequest.UNAUTHORIZED_CLIENT);
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, client(true, "saml", Set.of(SPA), on), USER))
                .map(FedCmAssertionRequest.Refusal::code).contains(FedCmAssertionRequest.UNAUTHORIZED_CLIENT);
    }

    @Test
    void anAccountThatIsNotTheSessionsUserOrNoSessionIsDeniedAndThePageMayReadWhy() {
        FedCmAssertionRequest.Refusal denied = new FedCmAssertionRequest.Refusal(Response.Status.FORBIDDEN, FedCmAssertionRequest.ACCESS_DENIED, true);

        assertThat(request("webidentity", SPA, "another-user").refusal(NO_SESSION, fedCmClient, USER)).contains(denied);
        assertThat(request("webidentity", SPA, null).refusal(NO_SESSION, fedCmClient, USER)).contains(denied);
        assertThat(request("webidentity", SPA, USER).refusal(NO_SESSION, fedCmClient, null)).contains(denied);
    }

    @Test
    void theFormIsReadAsChromiumSendsIt() {
        jakarta.ws.rs.core.MultivaluedHashMap<String, String> form = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        form.putSingle("client_id", "storezero-spa");
        form.putSingle("account_id", USER);
        form.putSingle("nonce", "n-1");
        form.putSingle("params", "{\"nonce\":\"n-1\"}");
        form.putSingle("disclosure_text_shown", "true");

        assertThat(FedCmAssertionRequest.of("webidentity", SPA, form))
                .isEqualTo(new FedCmAssertionRequest("webidentity", SPA, "storezero-spa", USER, "n-1"));
    }

    private static FedCmAssertionRequest request(String fetchDest, String origin, String accountId) {
        return new FedCmAssertionRequest(fetchDest, origin, "storezero-spa", accountId, "n-1");
    }

    /** A client as the realm holds it: what the checks and Keycloak's Web Origin resolution read; anything else fails. */
    private static ClientModel client(boolean enabled, String protocol, Set<String> webOrigins, Map<String, String> attributes) {
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
                    default -> throw new UnsupportedOperationException("the FedCM check now reads ClientModel." + method.getName());
                });
    }
}
