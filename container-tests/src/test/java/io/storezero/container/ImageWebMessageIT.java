package io.storezero.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.storezero.testsupport.KeycloakUnderTest;
import io.storezero.testsupport.Prerequisite;
import io.storezero.testsupport.Requires;
import io.storezero.testsupport.WebMessagePageAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The bundle's image as an operator runs it: {@code storezero/keycloak:<bundle version>-<keycloak version>}, built from docker/Dockerfile by
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
@Requires({Prerequisite.DOCKER, Prerequisite.IMAGE})
class ImageWebMessageIT {

    private static final String REALM = ProductionRealm.REALM;
    private static final String CLIENT = ProductionRealm.CLIENT;
    private static final String USER = "container-user";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SpaPage spa;
    private static KeycloakContainer keycloak;
    private static Browser browser;
    private static String keycloakUrl;
    private static String issuer;
    private static ProductionRealm realm;
    private static String userPassword;

    @BeforeAll
    static void startImageAndBrowser() throws IOException {
        spa = SpaPage.start();
        int port = freePort();
        keycloakUrl = "http://localhost:" + port;
        realm = new ProductionRealm(KeycloakUnderTest.of(KeycloakUnderTest.Mode.IMAGE, keycloakUrl), spa.origin());
        issuer = realm.issuer;
        keycloak = new KeycloakContainer(System.getProperty("storezero.image"))
                .withOptimizedFlag()
                // Built here, never pulled: the default policy pulls images older than a day.
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                .withStartupTimeout(Duration.ofMinutes(5))
                .withEnv("KC_HOSTNAME", keycloakUrl)
                .withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("STOREZERO_APP_URL", spa.origin())
                .withEnv("STOREZERO_FACEBOOK_APP_ID", "container-test-app")
                .withEnv("STOREZERO_FACEBOOK_APP_SECRET", UUID.randomUUID().toString())
                .withEnv("JAVA_OPTS_APPEND", System.getProperty("storezero.test.keycloak.java-opts", ""));
        keycloak.setPortBindings(List.of(port + ":8080"));
        keycloak.start();
        userPassword = UUID.randomUUID().toString();
        ProductionRealm.createUser(keycloak.getKeycloakAdminClient(), USER, userPassword);
        ProductionRealm.showPasswordForm(keycloak.getKeycloakAdminClient());
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
        browser.silent(realm.silent(state, "n-" + state));

        Map<String, Object> message = browser.awaitMessage();

        assertThat(message.get("origin")).isEqualTo(keycloakUrl);
        assertThat(ProductionRealm.data(message)).containsEntry("type", "authorization_response");
        assertThat(ProductionRealm.response(message)).containsEntry("error", "login_required").containsEntry("state", state)
                .doesNotContainKeys("access_token", "id_token", "code");
    }

    @Test
    void afterALoginTheSpaReceivesTokensSilently() throws Exception {
        browser.open(realm.login("login"));
        browser.login(USER, userPassword);
        Browser.await("the redirect back to the SPA", () -> browser.driver.getCurrentUrl().startsWith(spa.origin() + "/?") ? true : null);
        browser.open(spa.origin() + "/");
        String state = UUID.randomUUID().toString();
        String nonce = UUID.randomUUID().toString();

        browser.silent(realm.silent(state, nonce));
        Map<String, Object> message = browser.awaitMessage();

        assertThat(message.get("origin")).isEqualTo(keycloakUrl);
        Map<String, Object> response = ProductionRealm.response(message);
        assertThat(response).containsEntry("state", state).containsEntry("token_type", "Bearer").doesNotContainKey("error");
        JWTClaimsSet idToken = realm.verify((String) response.get("id_token"));
        assertThat(idToken.getAudience()).containsExactly(CLIENT);
        assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(USER);
        assertThat(realm.verify((String) response.get("access_token")).getSubject()).isEqualTo(idToken.getSubject());
    }

    /** The page Keycloak answers posts to the SPA's origin by name, never to "*", and only that origin may frame it. */
    @Test
    void theResponsePageTargetsTheExactOriginOfTheSpa() throws Exception {
        HttpResponse<String> page = get(realm.silent("exact", "n-exact"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors " + spa.origin() + ";"));
        WebMessagePageAnswer answer = WebMessagePageAnswer.parse(page.body())
                .orElseThrow(() -> new AssertionError("not a web_message page: " + page.body()));
        assertThat(answer.targetOrigin()).isEqualTo(spa.origin());
        assertThat(answer.response()).containsEntry("state", "exact");
        assertThat(page.body()).doesNotContain("\"*\"");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
