package io.storezero.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.storezero.load.SilentAuthentication;
import io.storezero.load.WarmUp;

/**
 * What one benchmark run is told: how many measurements, where the report goes, and which Keycloak. With no
 * {@code --keycloak-url} the run starts its own through the runner ({@code ./storezero start}, its own state folder
 * and ports); with one, it uses that Keycloak and its admin account, and leaves nothing behind there.
 *
 * @param root          the repository (where {@code ./storezero} is)
 * @param state         the runner's state folder for a Keycloak the run starts itself
 * @param keycloakUrl   a running Keycloak to use instead of starting one
 * @param adminPassword its admin password, when the environment or a file gave one (never the command line, which
 *                      every user of the machine reads with ps)
 * @param keycloakPort  HTTP port of the Keycloak the run starts (its management and app ports follow)
 * @param pagesPort     the bench pages' port on 127.0.0.1 (origin {@code http://localhost:<port>})
 * @param server        the server-alone section's settings
 */
public record BenchOptions(Path root, Path state, Path out, int iterations, int warmup, Optional<String> keycloakUrl,
        String adminUser, Optional<String> adminPassword, int keycloakPort, int managementPort, int appPort, int pagesPort,
        boolean production, ServerOptions server) {

    static final String USAGE = """
            usage: ./storezero bench [options]
              --iterations N          measurements per variant (default 30)
              --warmup N              discarded rounds before measuring (default 5)
              --smoke                 3 iterations, 1 warm-up round, and a server section of 2 s cells with
                                      3 sessions after one 2 s warm-up interval: does every variant work?
              --out DIR               where bench.json and bench.md go (default bench/target/bench)
              the server alone (prompt=none over plain HTTP, realms storezero and facebook, 1, 4 and 16 clients):
              --server-seconds S      measured seconds per cell (flow, clients, response mode), as two blocks
                                      F W W F (default 20)
              --server-sessions K     distinct brokered sessions (default 20)
              --server-flows LIST     implicit,code (default) or one of them
              --server-warmup-max S   longest warm-up (default 60; intervals of 5 s until two agree within 5 %)
              --keycloak-url URL      use this running Keycloak (with the bundle) instead of starting one;
                                      the run creates realm storezero-bench there and deletes it at the end
              --admin-user U          its admin user (default: KC_BOOTSTRAP_ADMIN_USERNAME, else admin)
              --admin-password-file F its admin password, the first line of file F (default:
                                      KC_BOOTSTRAP_ADMIN_PASSWORD, else the runner's: admin, or for
                                      --production the cluster's generated one); never on the command line
              --keycloak-port P       the started Keycloak's HTTP port (default 18080; management 19000, app 13000)
              --pages-port P          the bench pages' port (default 13100)
              --production            measure production mode: one node of ./storezero cluster (kc.sh start
                                      --optimized on PostgreSQL, behind HAProxy) in its own state folder, from an
                                      empty database; its ports follow --keycloak-port (node +1, PostgreSQL -2647)
            """;

    public static BenchOptions parse(List<String> args) {
        Path root = Path.of(System.getProperty("storezero.root", ".")).toAbsolutePath().normalize();
        Path state = null;
        Path out = root.resolve("bench/target/bench");
        int iterations = 30;
        int warmup = 5;
        Optional<String> keycloakUrl = Optional.ofNullable(System.getenv("STOREZERO_BENCH_KEYCLOAK_URL"));
        String adminUser = System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        Optional<String> adminPassword = Optional.ofNullable(System.getenv("KC_BOOTSTRAP_ADMIN_PASSWORD")).filter(p -> !p.isEmpty());
        int keycloakPort = 18080;
        Integer managementPort = null;
        Integer appPort = null;
        int pagesPort = 13100;
        boolean production = false;
        boolean smoke = false;
        Integer serverSessions = null;
        Duration serverSeconds = null;
        List<SilentAuthentication.Flow> serverFlows = null;
        Duration serverWarmUpMax = null;
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--iterations" -> iterations = positive(option, value(option, rest));
                case "--warmup" -> warmup = Integer.parseInt(value(option, rest));
                case "--smoke" -> {
                    iterations = 3;
                    warmup = 1;
                    smoke = true;
                }
                case "--out" -> out = Path.of(value(option, rest)).toAbsolutePath();
                case "--state" -> state = Path.of(value(option, rest)).toAbsolutePath();
                case "--keycloak-url" -> keycloakUrl = Optional.of(value(option, rest).replaceAll("/+$", ""));
                case "--admin-user" -> adminUser = value(option, rest);
                case "--admin-password" -> throw new IllegalArgumentException("--admin-password would show the password to every"
                        + " user of this machine (ps): set KC_BOOTSTRAP_ADMIN_PASSWORD or use --admin-password-file FILE");
                case "--admin-password-file" -> adminPassword = Optional.of(firstLine(Path.of(value(option, rest))));
                case "--keycloak-port" -> keycloakPort = positive(option, value(option, rest));
                case "--management-port" -> managementPort = positive(option, value(option, rest));
                case "--app-port" -> appPort = positive(option, value(option, rest));
                case "--pages-port" -> pagesPort = positive(option, value(option, rest));
                case "--production" -> production = true;
                case "--server-seconds" -> serverSeconds = seconds(option, value(option, rest));
                case "--server-sessions" -> serverSessions = positive(option, value(option, rest));
                case "--server-flows" -> serverFlows = flows(value(option, rest));
                case "--server-warmup-max" -> serverWarmUpMax = seconds(option, value(option, rest));
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (state == null) {
            // Apart from each other: a production state holds a PostgreSQL data folder a dev run must not find.
            state = root.resolve(production ? "bench/target/storezero-state-production" : "bench/target/storezero-state");
        }
        if (production && keycloakUrl.isPresent()) {
            throw new IllegalArgumentException("--production starts its own Keycloak; it cannot be combined with --keycloak-url\n" + USAGE);
        }
        return new BenchOptions(root, state, out, iterations, warmup, keycloakUrl, adminUser, adminPassword, keycloakPort,
                managementPort != null ? managementPort : keycloakPort + 920, appPort != null ? appPort : keycloakPort - 5080,
                pagesPort, production, server(smoke ? ServerOptions.smoke() : ServerOptions.defaults(), serverSessions,
                        serverSeconds, serverFlows, serverWarmUpMax));
    }

    /** The defaults (or the smoke's), with what the command line set explicitly, whatever the order of the options. */
    private static ServerOptions server(ServerOptions base, Integer sessions, Duration perCell,
            List<SilentAuthentication.Flow> flows, Duration warmUpMax) {
        WarmUp warmUp = base.warmUp();
        if (warmUpMax != null) {
            // A cap below one interval means one shorter interval: the warm-up then runs exactly once.
            Duration interval = warmUpMax.compareTo(warmUp.interval()) < 0 ? warmUpMax : warmUp.interval();
            warmUp = new WarmUp(interval, warmUp.tolerance(), warmUpMax);
        }
        return new ServerOptions(sessions != null ? sessions : base.sessions(), perCell != null ? perCell : base.perCell(),
                flows != null ? flows : base.flows(), base.clients(), warmUp);
    }

    private static Duration seconds(String option, String value) {
        double seconds = Double.parseDouble(value);
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static List<SilentAuthentication.Flow> flows(String value) {
        try {
            List<SilentAuthentication.Flow> flows = Arrays.stream(value.split(",")).map(String::trim).filter(f -> !f.isEmpty())
                    .map(f -> SilentAuthentication.Flow.valueOf(f.toUpperCase(Locale.ROOT))).distinct().toList();
            if (flows.isEmpty()) {
                throw new IllegalArgumentException("no flow");
            }
            return flows;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server-flows takes implicit, code or implicit,code, not " + value);
        }
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException("--admin-password-file " + file + " is empty");
            }
            return lines.get(0);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--admin-password-file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Everything but the admin password, which no log line may carry. */
    @Override
    public String toString() {
        return "BenchOptions[root=" + root + ", state=" + state + ", out=" + out + ", iterations=" + iterations + ", warmup=" + warmup
                + ", keycloakUrl=" + keycloakUrl + ", adminUser=" + adminUser + ", adminPassword="
                + (adminPassword.isPresent() ? "(given)" : "(the runner's)") + ", keycloakPort=" + keycloakPort + ", managementPort="
                + managementPort + ", appPort=" + appPort + ", pagesPort=" + pagesPort + ", production=" + production + ", server=" + server + "]";
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static int positive(String option, String value) {
        int number = Integer.parseInt(value);
        if (number <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
        return number;
    }

    /** {@code dev} for a Keycloak the run starts (start-dev, H2), {@code external} for one it was pointed at. */
    public String mode() {
        if (keycloakUrl.isPresent()) {
            return "external";
        }
        return production ? "production (start --optimized, PostgreSQL, one node behind HAProxy)" : "dev (start-dev, H2 in memory)";
    }
}
