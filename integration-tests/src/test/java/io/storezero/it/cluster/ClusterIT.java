package io.storezero.it.cluster;

import static io.storezero.it.cluster.ClusterTopology.APP_URL;
import static io.storezero.it.cluster.ClusterTopology.LB_URL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.cluster.ClusterTopology.Node;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.Tokens;
import io.storezero.load.FacebookUsers;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.Prerequisite;
import io.storezero.testsupport.Requires;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The bundle's claim that web_message state lives in Keycloak's sessions, not in one JVM, met with a real cluster:
 * two Keycloak nodes in production mode on PostgreSQL behind HAProxy (round robin, no stickiness), as
 * {@code ./storezero cluster start} runs them ({@link ClusterTopology}), with the shipped realms (storezero brokering
 * to the simulated Facebook) and the SPA's registered origin, the real app pointed at the balancer.
 *
 * <p>The tests pick the node of a top-level step by sending the browser to that node's own URL (rewriting one link or
 * form at a time), and learn the node of a step that went through the balancer from the {@code X-Storezero-Node}
 * header HAProxy adds, read from Chromium's network log. Silent authentication goes through the balancer only: the
 * app's CSP frames the balancer's origin and nothing else, so a chosen node is reached by round robin.
 * Every test logs in a Facebook user of its own. The full restart runs last: it takes both nodes down.
 */
@ExtendWith(ClusterTopology.class)
@Requires({Prerequisite.POSTGRESQL, Prerequisite.HAPROXY})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String REALM = "storezero";
    private static final String ISSUER = LB_URL + "/realms/" + REALM;
    private static final String SPA = "storezero-spa";
    private static final String REDIRECT_URI = APP_URL + "/";
    private static final Node NODE_1 = new Node(1);
    private static final Node NODE_2 = new Node(2);

    private static Chromium browser;
    private static Keycloak admin;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
        admin = KeycloakAdmin.client(ClusterTopology.keycloak());
    }

    @AfterAll
    static void stopBrowser() {
        if (admin != null) {
            admin.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    /** No session, and a network log that starts with this test. */
    @BeforeEach
    void forgetEverything() {
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
        NetworkLog.read(browser);
    }

    @Test
    @Order(1)
    void theBalancerSpreadsRequestsOverBothNodesWhichFormOneCluster() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(ISSUER + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            // Every node describes the realm at the balancer's URL: one issuer for the whole cluster.
            assertThat(response.body()).contains("\"issuer\":\"" + ISSUER + "\"");
            servedBy.add(response.headers().firstValue("X-Storezero-Node").orElseThrow());
        }
        assertThat(servedBy).as("round robin, no stickiness").containsExactlyInAnyOrder("node1", "node2");

        // Infinispan's own account of the cluster: node 2 joined node 1 through the database (jdbc-ping).
        String log = Files.readString(ClusterTopology.state().resolve("cluster/node1.log"));
        assertThat(log).containsPattern("ISPN000094: Received new cluster view .*\\(2\\)");
    }

    @Test
    @Order(2)
    void aSessionAnswersSilentAuthenticationOnTheOtherNodeAndLogoutThroughItEndsTheSessionOnAllNodes() {
        FacebookUser user = newFacebookUser();
        Map<String, Object> tokens = logInThroughTheBalancer(user);
        // The node that sent the browser back to the SPA with the code finished the login: it made the user session.
        Node creator = NetworkLog.read(browser).nodeThatRedirectedTo(REDIRECT_URI + "?");
        Node other = creator.other();
        String subject = claims(tokens).getSubject();

        Map<String, Object> onOther = silentOn(other);
        assertThat(onOther).as("silent authentication on %s, the node that did not create the session", other.name())
                .containsKey("access_token").doesNotContainKey("error");
        assertThat(onOther.get("iss")).isEqualTo(ISSUER);
        assertThat(Tokens.verifyAccessToken((String) onOther.get("access_token"), ISSUER, SPA).getSubject()).isEqualTo(subject);
        assertThat(silentOn(creator)).containsKey("access_token");

        // Logout through the other node's own URL, then replay the browser's old cookies: what must refuse them now
        // is the session's end on every node, not the browser forgetting its cookie.
        Object cookies = browser.driver().executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
        browser.open(other.url() + "/realms/" + REALM + "/protocol/openid-connect/logout?" + Authorize.formEncode(Map.of(
                "client_id", SPA, "id_token_hint", (String) tokens.get("id_token"), "post_logout_redirect_uri", REDIRECT_URI)));
        Chromium.await("the redirect back to the app after logout",
                () -> browser.driver().getCurrentUrl().startsWith(APP_URL) ? Boolean.TRUE : null);
        restoreCookies(cookies);

        Map<String, Object> onCreator = silentOn(creator);
        assertThat(onCreator.get("error")).as("silent authentication on %s right after logout through %s", creator.name(), other.name())
                .isEqualTo("login_required");
        assertThat(onCreator).doesNotContainKey("access_token");
    }

    @Test
    @Order(3)
    void aPopupLoginWhoseStepsLandOnBothNodesAnswersTheOpenerByWebMessage() {
        FacebookUser user = newFacebookUser();
        openSpaOrigin();
        String main = browser.driver().getWindowHandle();
        String state = Authorize.random();
        String nonce = Authorize.random();
        Authorize.Pkce pkce = Authorize.Pkce.create();

        // Step 1 on node 1: the authorization request, which creates the authentication session.
        browser.script("popup(arguments[0]);", Authorize.at(NODE_1.url(), REALM).client(SPA, REDIRECT_URI)
                .param("response_type", "code").param("scope", "openid profile email").param("response_mode", "web_message")
                .param("state", state).param("nonce", nonce)
                .param("code_challenge", pkce.challenge()).param("code_challenge_method", "S256").url());
        browser.switchToOtherWindow(main);
        WebElement facebook = Chromium.await("the storezero sign-in page in the popup", () -> browser.first(By.id("social-facebook")));

        // Step 2 on node 2: "Continue with Facebook" reads the authentication session node 1 created.
        browser.script("arguments[0].href = arguments[1];", facebook, on(NODE_2, facebook.getAttribute("href")));
        facebook.click();
        Chromium.await("the simulated Facebook's login form", () ->
                browser.driver().getCurrentUrl().startsWith(LB_URL + "/realms/facebook/") ? browser.first(By.id("password")) : null);

        // Step 3 on node 1 again: the Facebook password, posted to node 1 whichever node showed the form. The rest
        // (the broker's callback, the first login, the answer) goes through the balancer.
        String action = (String) browser.script("return document.getElementById('password').form.action;");
        browser.script("document.getElementById('password').form.action = arguments[0];", on(NODE_1, action));
        browser.login(user.username(), user.password());
        browser.driver().switchTo().window(main);

        Map<String, Object> message = browser.awaitMessage();
        NetworkLog steps = NetworkLog.read(browser);
        NetworkLog.Hop brokerLogin = steps.only("/realms/storezero/broker/facebook/login");
        assertThat(brokerLogin.node()).isEqualTo(NODE_2);
        assertThat(brokerLogin.location()).as("node 2 continued node 1's login to Facebook")
                .startsWith(LB_URL + "/realms/facebook/protocol/openid-connect/auth");
        NetworkLog.Hop password = steps.only("/realms/facebook/login-actions/authenticate");
        assertThat(password.node()).isEqualTo(NODE_1);
        assertThat(password.location()).startsWith(ISSUER + "/broker/facebook/endpoint");
        assertThat(message.get("origin")).as("the answer comes from Keycloak's public origin").isEqualTo(LB_URL);
        assertThat(message.get("fromPopup")).isEqualTo(true);
        Map<String, Object> response = Tokens.response(message);
        assertThat(response).containsEntry("state", state).containsEntry("iss", ISSUER).containsKey("code").doesNotContainKey("error");

        Map<String, Object> tokens = exchange(Map.of("grant_type", "authorization_code", "client_id", SPA,
                "code", (String) response.get("code"), "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
        Tokens.verifyIdToken((String) tokens.get("id_token"), ISSUER, SPA, nonce);
        assertThat(Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, SPA).getClaim("email"))
                .isEqualTo(user.email());
    }

    @Test
    @Order(4)
    void afterEveryNodeRestartsTheSessionStillRenewsSilentlyAndItsRefreshTokenStillWorks() throws Exception {
        FacebookUser user = newFacebookUser();
        Map<String, Object> tokens = logInThroughTheBalancer(user);
        String subject = claims(tokens).getSubject();
        assertThat(tokens).containsKey("refresh_token");

        ClusterTopology.expectSuccess(Duration.ofSeconds(300), "stop-node", "1");
        ClusterTopology.expectSuccess(Duration.ofSeconds(300), "stop-node", "2");
        HttpResponse<Void> down = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(ISSUER + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(down.statusCode()).as("no Keycloak node runs").isEqualTo(503);

        ClusterTopology.Result restarted = ClusterTopology.expectSuccess(Duration.ofSeconds(900), "start");
        System.out.printf("[cluster] both nodes back in %d s%n", restarted.took().toSeconds());
        String status = ClusterTopology.expectSuccess(Duration.ofSeconds(60), "status").output();
        assertThat(status).contains("node 1 running and ready", NODE_1.url(), "node 2 running and ready", NODE_2.url());

        Map<String, Object> silent = silentAt(LB_URL);
        assertThat(silent).as("silent authentication after the restart").containsKey("access_token").doesNotContainKey("error");
        assertThat(Tokens.verifyAccessToken((String) silent.get("access_token"), ISSUER, SPA).getSubject()).isEqualTo(subject);

        Map<String, Object> refreshed = exchange(Map.of("grant_type", "refresh_token", "client_id", SPA,
                "refresh_token", (String) tokens.get("refresh_token")));
        assertThat(Tokens.verifyAccessToken((String) refreshed.get("access_token"), ISSUER, SPA).getSubject()).isEqualTo(subject);
    }

    // --- the browser's side of the flows ---

    /** A quiet document on the SPA's registered origin (the app's health endpoint), made a test page. */
    private static void openSpaOrigin() {
        browser.open(APP_URL + "/api/health");
        browser.installTestHelpers();
    }

    /** The SPA's full-page brokered login through the balancer (code + PKCE), exchanged for tokens. */
    private static Map<String, Object> logInThroughTheBalancer(FacebookUser user) {
        Authorize.Pkce pkce = Authorize.Pkce.create();
        String nonce = Authorize.random();
        browser.open(Authorize.at(LB_URL, REALM).client(SPA, REDIRECT_URI).param("response_type", "code")
                .param("scope", "openid profile email").param("state", Authorize.random()).param("nonce", nonce)
                .param("code_challenge", pkce.challenge()).param("code_challenge_method", "S256").url());
        browser.continueWithFacebook(LB_URL + "/realms/facebook", user.username(), user.password());
        String url = Chromium.await("the redirect back to the SPA with a code", () -> {
            String current = browser.driver().getCurrentUrl();
            return current.startsWith(REDIRECT_URI + "?") && (current.contains("code=") || current.contains("error=")) ? current : null;
        });
        assertThat(url).contains("code=").doesNotContain("error=");
        String code = URLDecoder.decode(url.replaceFirst(".*[?&]code=([^&#]+).*", "$1"), StandardCharsets.UTF_8);
        Map<String, Object> tokens = exchange(Map.of("grant_type", "authorization_code", "client_id", SPA, "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
        Tokens.verifyIdToken((String) tokens.get("id_token"), ISSUER, SPA, nonce);
        return tokens;
    }

    /** A token request from the SPA's origin to the balancer (CORS), as an SPA makes it; must answer 200. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> exchange(Map<String, String> form) {
        openSpaOrigin();
        browser.script("window.exchanged = null; exchangeCode(arguments[0], arguments[1], function (r) { window.exchanged = r; });",
                ISSUER + "/protocol/openid-connect/token", form);
        Map<String, Object> result = Chromium.await("the token response", () -> (Map<String, Object>) browser.script("return window.exchanged;"));
        assertThat(result.get("status")).as("token response (%s)", form.get("grant_type")).isEqualTo(200L);
        return (Map<String, Object>) result.get("body");
    }

    /**
     * Silent authentication through the balancer, as the app's page makes it (its CSP frames the balancer's origin
     * only), until round robin has sent one to {@code node}: answers that one's response. Every answer on the way,
     * from either node, must agree with it.
     */
    private static Map<String, Object> silentOn(Node node) {
        NetworkLog.read(browser);
        List<Map<String, Object>> answers = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            Map<String, Object> response = silentAt(LB_URL);
            answers.add(response);
            Node served = NetworkLog.read(browser).only("/realms/" + REALM + "/protocol/openid-connect/auth").node();
            if (served.equals(node)) {
                for (Map<String, Object> earlier : answers) {
                    assertThat(earlier.containsKey("access_token")).as("the answers of both nodes agree: %s", answers)
                            .isEqualTo(response.containsKey("access_token"));
                }
                return response;
            }
        }
        throw new AssertionError("6 silent authentications through the balancer never reached " + node.name());
    }

    /**
     * Silent authentication (implicit, {@code prompt=none}, web_message) in a hidden iframe at {@code keycloakUrl}:
     * a node's own URL or the balancer. Answers the authorization response the SPA's page received.
     */
    private static Map<String, Object> silentAt(String keycloakUrl) {
        openSpaOrigin();
        String state = Authorize.random();
        browser.script("silent(arguments[0]);",
                Authorize.at(keycloakUrl, REALM).client(SPA, REDIRECT_URI).silentImplicit(state, Authorize.random()).url());
        Map<String, Object> message;
        try {
            message = browser.awaitMessage();
        } catch (AssertionError e) {
            // What the frame showed instead (an error page, a blocked frame) is what the failure needs to say.
            throw new AssertionError(e.getMessage() + " from " + keycloakUrl + "; the frame shows: "
                    + browser.script("var f = document.querySelector('iframe'); try { return f.contentDocument ? "
                            + "f.contentDocument.body.innerText : 'a document of another origin'; } catch (x) { return String(x); }")
                    + "; console: " + browser.consoleLog() + "; responses: " + NetworkLog.read(browser).hops(), e);
        }
        Map<String, Object> response = Tokens.response(message);
        assertThat(response).as("the answer to this request").containsEntry("state", state);
        return response;
    }

    /** {@code url} (absolute, on whichever Keycloak origin) sent to {@code node}'s own URL instead. */
    private static String on(Node node, String url) {
        URI uri = URI.create(url);
        return node.url() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @SuppressWarnings("unchecked")
    private static void restoreCookies(Object saved) {
        List<Map<String, Object>> params = ((List<Map<String, Object>>) saved).stream().map(cookie -> {
            Map<String, Object> param = new java.util.HashMap<>();
            for (String field : List.of("name", "value", "domain", "path", "secure", "httpOnly", "sameSite")) {
                if (cookie.containsKey(field)) {
                    param.put(field, cookie.get(field));
                }
            }
            if (!Boolean.TRUE.equals(cookie.get("session"))) {
                param.put("expires", cookie.get("expires"));
            }
            return param;
        }).toList();
        assertThat(params).as("the browser's cookies before logout").isNotEmpty();
        browser.driver().executeCdpCommand("Network.setCookies", Map.of("cookies", params));
    }

    private static JWTClaimsSet claims(Map<String, Object> tokens) {
        return Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, SPA);
    }

    // --- the simulated Facebook's users ---

    private record FacebookUser(String username, String password, String email) {
    }

    /** A user of the simulated Facebook of its own (the load generator's user factory: username = password). */
    private static FacebookUser newFacebookUser() {
        String prefix = "fb-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 10);
        String username = FacebookUsers.create(admin, "facebook", prefix, 1).get(0);
        return new FacebookUser(username, username, username + "@example.org");
    }
}
