package io.storezero.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The bundle's image as an operator runs it: {@code storezero/keycloak:<version>}, built from docker/Dockerfile by
 * docker/build.sh, started by testcontainers-keycloak with the image's own {@code start --optimized} (production
 * mode) and its production realm, and driven by headless Chromium the way an SPA's SDK drives it.
 *
 * <p>Production mode refuses to start without a hostname and without TLS: the test gives it
 * {@code KC_HOSTNAME=http://localhost:<port>} on a port picked here and published as is (the issuer must name the
 * port the browser uses), and {@code KC_HTTP_ENABLED=true} because the test has no certificate to give it; a
 * deployment terminates TLS at its load balancer and sets {@code KC_PROXY_HEADERS} instead, or gives Keycloak a
 * certificate. Where no Docker engine answers, the class is skipped (the build says why in one line).
 */
@Testcontainers(disabledWithoutDocker = true)
class ImageWebMessageIT {

    private static final String REALM = "storezero";
    private static final String CLIENT = "storezero-spa";
    private static final String USER = "container-user";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SpaPage spa;
    private static KeycloakContainer keycloak;
    private static Browser browser;
    private static String keycloakUrl;
    private static String issuer;
    private static String userPassword;

    @BeforeAll
    static void startImageAndBrowser() throws IOException {
        spa = SpaPage.start();
        int port = freePort();
        keycloakUrl = "http://localhost:" + port;
        issuer = keycloakUrl + "/realms/" + REALM;
        keycloak = new KeycloakContainer(System.getProperty("storezero.image"))
                .withOptimizedFlag()
                // Built here, never pulled: the default policy pulls images older than a day.
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                .withStartupTimeout(Duration.ofMinutes(5))
                .withEnv("KC_HOSTNAME", keycloakUrl)
                .withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("STOREZERO_APP_URL", spa.origin())
                .withEnv("STOREZERO_FACEBOOK_APP_ID", "container-test-app")
                .withEnv("STOREZERO_FACEBOOK_APP_SECRET", UUID.randomUUID().toString());
        keycloak.setPortBindings(List.of(port + ":8080"));
        keycloak.start();
        userPassword = UUID.randomUUID().toString();
        createUser(keycloak.getKeycloakAdminClient());
        showPasswordForm(keycloak.getKeycloakAdminClient());
        browser = Browser.start();
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.close();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        if (spa != null) {
            spa.close();
        }
    }

    /** Every test starts without a Keycloak session, on the SPA's page. */
    @BeforeEach
    void blankPage() {
        browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.open(spa.origin() + "/");
    }

    @Test
    void theImageRunsInProductionModeWithTheProductionRealmOnlyAndReportsReady() throws Exception {
        assertThat(keycloak.getLogs()).contains("Profile prod activated");
        HttpResponse<String> ready = get(keycloak.getMgmtServerUrl() + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\": \"UP\"");
        assertThat(keycloak.getKeycloakAdminClient().realms().findAll()).extracting(RealmRepresentation::getRealm)
                .containsExactlyInAnyOrder("master", REALM);
        assertThat(get(issuer + "/.well-known/openid-configuration").body()).contains("\"issuer\":\"" + issuer + "\"");
    }

    @Test
    void withoutASessionTheSpaIsToldLoginRequired() {
        String state = UUID.randomUUID().toString();
        browser.silent(authorize(state, "n-" + state));

        Map<String, Object> message = browser.awaitMessage();

        assertThat(message.get("origin")).isEqualTo(keycloakUrl);
        assertThat(data(message)).containsEntry("type", "authorization_response");
        assertThat(response(message)).containsEntry("error", "login_required").containsEntry("state", state)
                .doesNotContainKeys("access_token", "id_token", "code");
    }

    @Test
    void afterALoginTheSpaReceivesTokensSilently() throws Exception {
        // A full-page login as the SPA's login button starts it; the client requires PKCE, and the code is never
        // exchanged here, so any valid challenge does (RFC 7636's example).
        browser.open(authorizeUrl("code", "login", "n-login", "query") + "&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        browser.login(USER, userPassword);
        Browser.await("the redirect back to the SPA", () -> browser.driver.getCurrentUrl().startsWith(spa.origin() + "/?") ? true : null);
        browser.open(spa.origin() + "/");
        String state = UUID.randomUUID().toString();
        String nonce = UUID.randomUUID().toString();

        browser.silent(authorize(state, nonce));
        Map<String, Object> message = browser.awaitMessage();

        assertThat(message.get("origin")).isEqualTo(keycloakUrl);
        Map<String, Object> response = response(message);
        assertThat(response).containsEntry("state", state).containsEntry("token_type", "Bearer").doesNotContainKey("error");
        JWTClaimsSet idToken = verify((String) response.get("id_token"));
        assertThat(idToken.getAudience()).containsExactly(CLIENT);
        assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(USER);
        assertThat(verify((String) response.get("access_token")).getSubject()).isEqualTo(idToken.getSubject());
    }

    /** The page Keycloak answers posts to the SPA's origin by name, never to "*", and only that origin may frame it. */
    @Test
    void theResponsePageTargetsTheExactOriginOfTheSpa() throws Exception {
        HttpResponse<String> page = get(authorize("exact", "n-exact"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors " + spa.origin() + ";"));
        assertThat(page.body()).contains("postMessage(message,targetOrigin)")
                .contains("\"" + spa.origin().replace("/", "\\u002F") + "\"").doesNotContain("\"*\"");
    }

    private static String authorize(String state, String nonce) {
        return authorizeUrl("id_token token", state, nonce, "web_message") + "&prompt=none";
    }

    private static String authorizeUrl(String responseType, String state, String nonce, String responseMode) {
        return issuer + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&redirect_uri=" + enc(spa.origin() + "/") + "&response_type=" + enc(responseType)
                + "&scope=openid&response_mode=" + responseMode + "&state=" + enc(state) + "&nonce=" + enc(nonce);
    }

    private static void createUser(Keycloak admin) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(USER);
        user.setEmail(USER + "@example.com");
        user.setEmailVerified(true);
        user.setFirstName("Container");
        user.setLastName("User");
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(userPassword);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (var created = admin.realm(REALM).users().create(user)) {
            assertThat(created.getStatus()).as("user created").isEqualTo(201);
        }
    }

    /**
     * The production realm signs its users in through Facebook only, so its sign-in page hides the password form
     * (realm attribute {@code storezero.passwordForm}, read by the storezero theme). This test's user has a password:
     * show the form for it, as an operator testing a realm with password users would.
     */
    private static void showPasswordForm(Keycloak admin) {
        RealmRepresentation realm = admin.realm(REALM).toRepresentation();
        Map<String, String> attributes = new java.util.HashMap<>(realm.getAttributes() == null ? Map.of() : realm.getAttributes());
        attributes.put("storezero.passwordForm", "true");
        realm.setAttributes(attributes);
        admin.realm(REALM).update(realm);
    }

    /** Signature (the realm's published keys), issuer and expiry checked, as a resource server would. */
    private static JWTClaimsSet verify(String jwt) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(URI.create(issuer + "/protocol/openid-connect/certs").toURL()).build()));
        JWTClaimsSet claims = processor.process(jwt, null);
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        return claims;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> message) {
        return (Map<String, Object>) message.get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> response(Map<String, Object> message) {
        return (Map<String, Object>) data(message).get("response");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
