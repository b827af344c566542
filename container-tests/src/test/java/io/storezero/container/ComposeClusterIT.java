package io.storezero.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.testsupport.KeycloakUnderTest;
import io.storezero.testsupport.Poll;
import io.storezero.testsupport.Prerequisite;
import io.storezero.testsupport.Requires;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The production topology as an operator starts it from docker/compose.cluster.yml: PostgreSQL, two Keycloak nodes
 * of the bundle's cluster image ({@code docker/build.sh --cluster}), HAProxy, with the configuration files
 * {@code ./storezero cluster} uses (runner/cluster/). The real compose file, run by the real {@code docker-compose},
 * under a project name of its own and on the loopback ports {@code storezero.compose.port} (the balancer) and
 * {@code storezero.compose.stats.port}, then removed with its volume ({@code down -v}) whatever happened.
 *
 * <p>The tests run in order, on one cluster: it is one operator's session: the nodes form one cluster, the balancer
 * spreads over them under one issuer, a user signs in and renews silently on either node, and still renews after
 * one node is stopped. Which node served a request is read where an operator reads it: the X-Storezero-Node header,
 * and the balancer's request log. Where no Docker engine answers, the class is skipped (.ci/run refuses a skip).
 */
@Testcontainers(disabledWithoutDocker = true)
@Requires({Prerequisite.DOCKER, Prerequisite.DOCKER_COMPOSE, Prerequisite.CLUSTER_IMAGES})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeClusterIT {

    private static final String USER = "compose-user";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Two Keycloak starts in a row (keycloak-2 waits for keycloak-1) on a shared 2-core machine. */
    private static final long UP_TIMEOUT_SECONDS = 900;
    /** Infinispan's line for a new cluster view with its member count: "ISPN000094: ... (2) [a, b]". */
    private static final Pattern TWO_MEMBER_VIEW = Pattern.compile("ISPN000094: .*\\(2\\)");
    /** A line of HAProxy's request log: the node that served the request, then (later) the request line. */
    private static final Pattern SERVED_BY = Pattern.compile("keycloak_nodes/(node\\d+) .*\"GET (\\S+)");
    private static final Pattern REQUEST = Pattern.compile("keycloak_nodes/(\\S+) .*\"([A-Z]+) ([^?\" ]+)");

    private static SpaPage spa;
    private static Compose compose;
    private static Browser browser;
    private static String lbUrl;
    private static ProductionRealm realm;
    private static String adminPassword;
    private static String userPassword;

    @BeforeAll
    static void upTheTopology() {
        spa = SpaPage.start();
        lbUrl = "http://localhost:" + System.getProperty("storezero.compose.port");
        adminPassword = UUID.randomUUID().toString();
        realm = new ProductionRealm(KeycloakUnderTest.of(KeycloakUnderTest.Mode.COMPOSE, lbUrl)
                .administeredBy(KeycloakUnderTest.Admin.of("admin", adminPassword)), spa.origin());
        userPassword = UUID.randomUUID().toString();
        Map<String, String> env = new HashMap<>();
        env.put("STOREZERO_IMAGE_TAG", System.getProperty("storezero.image.tag"));
        env.put("STOREZERO_CLUSTER_PORT", System.getProperty("storezero.compose.port"));
        env.put("STOREZERO_CLUSTER_STATS_PORT", System.getProperty("storezero.compose.stats.port"));
        env.put("STOREZERO_DB_PASSWORD", UUID.randomUUID().toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("STOREZERO_APP_URL", spa.origin());
        env.put("STOREZERO_FACEBOOK_APP_ID", "compose-test-app");
        env.put("STOREZERO_FACEBOOK_APP_SECRET", UUID.randomUUID().toString());
        compose = new Compose(System.getProperty("storezero.compose.command", "docker-compose"),
                Path.of(System.getProperty("storezero.compose.file")),
                "szcompose" + UUID.randomUUID().toString().substring(0, 8), env);
        try {
            // up returns once keycloak-1, then keycloak-2 reported healthy and the balancer started.
            compose.run(UP_TIMEOUT_SECONDS, "up", "-d");
            realm.keycloak.awaitRealm(ProductionRealm.REALM, Duration.ofMinutes(2));
            try (Keycloak admin = KeycloakBuilder.builder().serverUrl(realm.keycloak.url()).realm("master").clientId("admin-cli")
                    .username(realm.keycloak.admin().username()).password(realm.keycloak.admin().password().get()).build()) {
                ProductionRealm.createUser(admin, USER, userPassword);
                ProductionRealm.showPasswordForm(admin);
            }
        } catch (RuntimeException | AssertionError e) {
            printNodeLogs();
            throw e;
        }
        browser = Browser.start();
    }

    @AfterAll
    static void downTheTopology() {
        if (browser != null) {
            browser.close();
        }
        if (compose != null) {
            compose.run(300, "down", "-v", "--remove-orphans");
        }
        if (spa != null) {
            spa.close();
        }
    }

    @Test
    @Order(1)
    void bothNodesJoinOneClusterThroughTheDatabase() {
        // JGroups discovers the other node through the shared database (jdbc-ping): a view of two members.
        Poll.until(Duration.ofMinutes(2), "a two-member cluster view in keycloak-1's log",
                () -> TWO_MEMBER_VIEW.matcher(compose.logs("keycloak-1")).find() ? true : null);
        assertThat(compose.logs("keycloak-2")).containsPattern(TWO_MEMBER_VIEW);
    }

    @Test
    @Order(2)
    void theBalancerSpreadsRequestsOverBothNodesWhichNameOneIssuer() throws Exception {
        Set<String> nodes = new HashSet<>();
        Set<String> issuers = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(realm.issuer + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            response.headers().firstValue("X-Storezero-Node").ifPresent(nodes::add);
            Matcher issuer = Pattern.compile("\"issuer\":\"([^\"]+)\"").matcher(response.body());
            assertThat(issuer.find()).isTrue();
            issuers.add(issuer.group(1));
        }
        assertThat(nodes).containsExactlyInAnyOrder("node1", "node2");
        assertThat(issuers).containsExactly(realm.issuer);
    }

    @Test
    @Order(3)
    void aUserWhoSignedInRenewsSilentlyOnEitherNode() throws Exception {
        // The login's own requests (form, post, redirect) are spread over both nodes as well: no stickiness.
        browser.open(realm.login("login"));
        browser.login(USER, userPassword);
        Browser.await("the redirect back to the SPA", () -> browser.driver.getCurrentUrl().startsWith(spa.origin() + "/?") ? true : null);

        Set<String> servedBy = new HashSet<>();
        try {
            Poll.until(Duration.ofMinutes(2), "silent authentication answered by node1 and by node2", () -> {
                String node = renewSilently();
                if (!servedBy.add(node)) {
                    // The same node again: other requests took the other node's turns of the round robin. Requests
                    // through the balancer until one is served by this same node: the next turn is the other node's.
                    // (One request always would keep the parity, and every renewal would land on this node again.)
                    Poll.until(Duration.ofSeconds(10), "a turn of the round robin on " + node,
                            () -> node.equals(servedBy(URI.create(realm.issuer + "/.well-known/openid-configuration"))) ? true : null);
                }
                return servedBy.size() == 2 ? true : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the balancer's requests:\n" + balancerRequests(), e);
        }
        assertThat(servedBy).containsExactlyInAnyOrder("node1", "node2");
    }

    /** The balancer's request lines (node, method, path without its query), for the report of a failed test. */
    private static String balancerRequests() {
        StringBuilder lines = new StringBuilder();
        for (String line : compose.logs("lb").split("\n")) {
            Matcher matcher = REQUEST.matcher(line);
            if (matcher.find()) {
                lines.append(matcher.group(1)).append(' ').append(matcher.group(2)).append(' ').append(matcher.group(3)).append('\n');
            }
        }
        return lines.toString();
    }

    @Test
    @Order(4)
    void whenKeycloak1StopsTheSessionStillRenewsThroughNode2() throws Exception {
        compose.run(300, "stop", "keycloak-1");

        // Right after the stop, before the health check marks node1 down, the balancer sends a refused connection
        // on to node2 (retries, redispatch): no renewal fails, each is served by node2.
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(renewSilently()).isEqualTo("node2");
            }
        } catch (AssertionError e) {
            // Which requests reached which node around the stop: what a failure here needs explained.
            throw new AssertionError(e.getMessage() + "; the balancer's requests:\n" + balancerRequests(), e);
        }
    }

    /**
     * One silent web_message authentication from a fresh SPA page: asserts tokens for the signed-in user, issued by
     * the balancer's URL, and answers the node that served it (from the balancer's log, found by the request's state).
     */
    private static String renewSilently() {
        browser.open(spa.origin() + "/");
        String state = UUID.randomUUID().toString();
        String nonce = UUID.randomUUID().toString();
        browser.silent(realm.silent(state, nonce));
        Map<String, Object> message = browser.awaitMessage();
        assertThat(message.get("origin")).isEqualTo(lbUrl);
        Map<String, Object> response = ProductionRealm.response(message);
        assertThat(response).containsEntry("state", state).containsEntry("token_type", "Bearer").doesNotContainKey("error");
        try {
            JWTClaimsSet idToken = realm.verify((String) response.get("id_token"));
            assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
            assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(USER);
        } catch (Exception e) {
            throw new AssertionError("the id_token does not verify", e);
        }
        return Poll.until(Duration.ofSeconds(30), "the balancer's log line of the request", () -> servedBy("state=" + state));
    }

    /** The node HAProxy logged for the one request whose URL contains {@code marker}, or null if not logged yet. */
    private static String servedBy(String marker) {
        for (String line : compose.logs("lb").split("\n")) {
            Matcher matcher = SERVED_BY.matcher(line);
            if (matcher.find() && matcher.group(2).contains(marker)) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** The node that served one GET through the balancer (its X-Storezero-Node header), or null. */
    private static String servedBy(URI url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("X-Storezero-Node").orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    /** Keycloak's and PostgreSQL's logs when the topology did not come up (the balancer's log has URLs with codes). */
    private static void printNodeLogs() {
        for (String service : List.of("postgres", "keycloak-1", "keycloak-2")) {
            try {
                String log = compose.logs(service);
                String[] lines = log.split("\n");
                System.err.println("--- " + service + " (last 60 lines)");
                for (int i = Math.max(0, lines.length - 60); i < lines.length; i++) {
                    System.err.println(lines[i]);
                }
            } catch (RuntimeException | AssertionError e) {
                System.err.println("--- " + service + ": no log (" + e.getMessage() + ")");
            }
        }
    }
}
