package io.storezero.it.cluster;

import static io.storezero.it.cluster.ClusterTopology.LB_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.storezero.it.cluster.ClusterTopology.Node;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StartedProcesses;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.Prerequisite;
import io.storezero.testsupport.Requires;
import io.storezero.testsupport.TestPageBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The production topology of {@code ./storezero cluster start} on a machine other users share: its database accepts
 * no other local user, everything it starts listens on loopback only, its admin password is generated and kept out of
 * output, logs and command lines, and only the balancer may tell a node who the client is.
 */
@ExtendWith(ClusterTopology.class)
@Requires({Prerequisite.POSTGRESQL, Prerequisite.HAPROXY})
class ClusterSecurityIT {

    /** A documentation address (RFC 5737): no request of this test really comes from it. */
    private static final String FORGED_ADDRESS = "203.0.113.9";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Keycloak admin;
    private static String realm;

    @BeforeAll
    static void eventsRealm() {
        admin = KeycloakAdmin.client(ClusterTopology.keycloak());
        // A realm of its own that stores login events, with Keycloak's default admin-cli client (password grant on).
        realm = "forwarded-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 8);
        RealmRepresentation representation = new RealmRepresentation();
        representation.setRealm(realm);
        representation.setEnabled(true);
        representation.setEventsEnabled(true);
        // Plain HTTP from any address: the client address must not decide whether the request is answered.
        representation.setSslRequired("none");
        admin.realms().create(representation);
    }

    @AfterAll
    static void deleteRealm() {
        if (admin != null) {
            admin.realm(realm).remove();
            admin.close();
        }
    }

    @Test
    void noOtherLocalUserCanConnectToPostgresql() throws Exception {
        assumeTrue(new UnixSystem().getUid() == 0, "switching to another local user (nobody) needs root, as CI runs");
        String socketFolder = ClusterTopology.state().resolve("cluster/postgres").toString();
        String port = String.valueOf(ClusterTopology.DB_PORT);

        // The user the runner runs PostgreSQL as (as root: postgres) connects, so the command itself is sound.
        Result owner = run(List.of("runuser", "-u", "postgres", "--"), socketFolder, port);
        assertThat(owner.exitCode()).as("the runner's own connection: %s", owner.output()).isZero();

        List<String> nobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        for (String host : List.of(socketFolder, "127.0.0.1")) {
            Result other = run(nobody, host, port);
            assertThat(other.exitCode()).as("user nobody connecting as postgres through %s: %s", host, other.output()).isNotZero();
            assertThat(other.output()).as("refused for the right reason")
                    .containsPattern("(?i)permission denied|authentication failed|no password supplied");
        }
    }

    @Test
    void everyListenerOfTheClusterIsOnLoopback() {
        List<StartedProcesses.Listener> listeners = started().listeners();

        assertThat(listeners).extracting(StartedProcesses.Listener::port).as("every port of the topology is among what was found")
                .contains(ClusterTopology.LB_PORT, ClusterTopology.STATS_PORT, ClusterTopology.APP_PORT, ClusterTopology.DB_PORT,
                        ClusterTopology.NODE_PORT, ClusterTopology.NODE_PORT + 1, ClusterTopology.MANAGEMENT_PORT,
                        ClusterTopology.MANAGEMENT_PORT + 1, ClusterTopology.JGROUPS_PORT, ClusterTopology.JGROUPS_PORT + 1);
        assertThat(listeners).as("listeners not on 127.0.0.1 / ::1 (STOREZERO_BIND_ADDRESS unset)")
                .filteredOn(listener -> !listener.address().isLoopbackAddress()).isEmpty();
    }

    @Test
    void theAdminPasswordIsGeneratedIntoAFileOnlyItsOwnerReadsAndTheStartSaysWhereAndThatDevRealmsAreInUse() throws Exception {
        Path file = ClusterTopology.adminPasswordFile();
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = ClusterTopology.adminPassword();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(adminToken(password).statusCode()).as("admin login with the generated password").isEqualTo(200);
        assertThat(adminToken("admin").body()).as("admin login with the development default 'admin'").contains("\"invalid_grant\"");

        String output = ClusterTopology.startOutput();
        assertThat(output).as("the start says where the password is").contains(file.toString());
        assertThat(output).as("the start says the simulated Facebook's realm and secret are in use")
                .contains("dev realms and dev secrets in use");
    }

    @Test
    void theAdminPasswordIsInNoOutputLogOrCommandLine() throws Exception {
        String password = ClusterTopology.adminPassword();
        assertThat(adminToken(password).statusCode()).isEqualTo(200);

        assertThat(ClusterTopology.startOutput()).doesNotContain(password);
        List<Path> logs;
        try (var files = Files.walk(ClusterTopology.state())) {
            logs = files.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(log|out|cfg)$")).toList();
        }
        assertThat(logs).as("the runner's logs and outputs").isNotEmpty();
        for (Path log : logs) {
            assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as("%s", log).doesNotContain(password);
        }
        assertThat(started().commandLines()).as("command lines of the started processes").isNotEmpty()
                .allSatisfy((pid, line) -> assertThat(line).as("pid %d", pid).doesNotContain(password));
    }

    @Test
    void aNodeIgnoresForwardingHeadersFromAnyoneButTheBalancer() throws Exception {
        String user = "direct-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 8);

        HttpResponse<String> login = failedLogin(new Node(1).url(), user);
        assertThat(login.body()).as("a refused login (it records the event)").contains("\"invalid_grant\"");

        EventRepresentation event = loginError(user);
        assertThat(event.getIpAddress()).as("the client address Keycloak recorded for a request straight to a node")
                .isNotEqualTo(FORGED_ADDRESS).isEqualTo("127.0.0.1");
    }

    @Test
    void theBalancerReplacesAForwardedForTheClientSent() throws Exception {
        String user = "balanced-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 8);

        HttpResponse<String> login = failedLogin(LB_URL, user);
        assertThat(login.body()).as("a refused login (it records the event)").contains("\"invalid_grant\"");

        EventRepresentation event = loginError(user);
        assertThat(event.getIpAddress()).as("the client address Keycloak recorded for a request through the balancer")
                .isNotEqualTo(FORGED_ADDRESS).isEqualTo("127.0.0.1");
    }

    /** A password grant for an unknown user at {@code keycloakUrl}, with forged forwarding headers. */
    private static HttpResponse<String> failedLogin(String keycloakUrl, String user) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&password=wrong&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", FORGED_ADDRESS)
                .header("Forwarded", "for=" + FORGED_ADDRESS)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The LOGIN_ERROR event Keycloak stored for {@code user}, as the admin events API lists it. */
    private static EventRepresentation loginError(String user) {
        return TestPageBrowser.await("the LOGIN_ERROR event of " + user, () -> admin.realm(realm).getEvents().stream()
                .filter(e -> "LOGIN_ERROR".equals(e.getType()) && e.getDetails() != null && user.equals(e.getDetails().get("username")))
                .findFirst().orElse(null));
    }

    private static HttpResponse<String> adminToken(String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + ClusterTopology.ADMIN_USER + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(LB_URL + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every process the cluster start recorded (nodes, HAProxy, the app, PostgreSQL's postmaster), with descendants. */
    private static StartedProcesses started() {
        Path cluster = ClusterTopology.state().resolve("cluster");
        List<Long> pids = new ArrayList<>();
        for (String file : List.of("node1.pid", "node2.pid", "haproxy.pid", "app.pid", "postgres/data/postmaster.pid")) {
            pids.add(StartedProcesses.recordedPid(cluster.resolve(file)));
        }
        return StartedProcesses.of(pids);
    }

    private record Result(int exitCode, String output) {
    }

    /** psql as {@code asUser} (a command prefix), connecting as the superuser postgres to {@code host}, no password. */
    private static Result run(List<String> asUser, String host, String port) throws Exception {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of("env", "-i", "PATH=/usr/bin:/bin", psql(), "-w", "-h", host, "-p", port, "-U", "postgres",
                "-d", "postgres", "-tAc", "select 1"));
        Process process = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("psql ended").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The newest installed PostgreSQL's psql, as the runner picks its programs. */
    private static String psql() throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable)
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString())))
                    .map(Path::toString).orElseThrow(() -> new IllegalStateException("no PostgreSQL in /usr/lib/postgresql"));
        }
    }
}
