package io.storezero.load;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.Keycloak;

/**
 * The generator from the command line, against a running Keycloak with the shipped realms (./storezero start or
 * ./storezero cluster start):
 *
 * <pre>
 * java -cp ... io.storezero.load.Main --url http://localhost:8080 --app http://localhost:3000 --users 20 \
 *     --clients 4 --warmup 20 --duration 60 --mode web_message --flow implicit --out target/load
 * </pre>
 *
 * {@code --rate N} (requests/s) replaces {@code --clients}; {@code --capture DIR} instead writes one answer of each
 * kind, credentials redacted, as the unit tests' fixtures ({@link Capture}). Creates the users in the facebook realm (admin from
 * KC_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD, default admin/admin), logs them in, runs, writes load.json and load.md.
 *
 * <p>The users (named {@code --prefix}, default {@code load-<time>}, with their user name as password) and their brokered
 * twins in storezero are deleted when the run ends: normally, on a failure, and on SIGINT/SIGTERM (a shutdown hook).
 * Only a SIGKILL leaves them; delete them in the admin console then (user names and e-mails start with the prefix).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of("url", "http://localhost:8080", "app", "http://localhost:3000",
                "users", "20", "clients", "4", "warmup", "20", "duration", "60", "mode", "web_message", "flow", "implicit",
                "out", "target/load", "interval", "10"));
        options.put("prefix", "load-" + Long.toString(System.currentTimeMillis(), 36));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        RunUsers users = new RunUsers(options.get("url"), options.get("prefix"));
        Thread cleanUp = new Thread(users::delete, "load-users-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            run(options, users);
        } finally {
            users.delete();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (SIGINT/SIGTERM): the hook runs, and waits for the deletion above.
            }
        }
    }

    private static void run(Map<String, String> options, RunUsers users) {
        SilentAuthentication request = SilentAuthentication.storezeroSpa(options.get("url"), options.get("app"),
                SilentAuthentication.ResponseMode.valueOf(options.get("mode").toUpperCase()),
                SilentAuthentication.Flow.valueOf(options.get("flow").toUpperCase()));
        HttpClient http = Http.client();
        List<Session> sessions = new ArrayList<>();
        try (Keycloak admin = admin(options.get("url"))) {
            BrokeredLogin login = new BrokeredLogin(http, request, RunUsers.BROKER);
            for (String user : FacebookUsers.create(admin, RunUsers.BROKER, users.prefix(), Integer.parseInt(options.get("users")))) {
                sessions.add(login.logIn(user, user));
            }
        }
        if (options.containsKey("capture")) {
            Capture.answers(http, options.get("url"), options.get("app"), sessions.get(0), Path.of(options.get("capture")));
            return;
        }
        LoadGenerator load = new LoadGenerator(http, request, sessions);
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.get("warmup")));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.get("duration")));
        Duration interval = Duration.ofSeconds(Long.parseLong(options.get("interval")));
        Recording recording = options.containsKey("rate")
                ? load.rate(Double.parseDouble(options.get("rate")), warmup, duration, interval)
                : load.concurrent(Integer.parseInt(options.get("clients")), warmup, duration, interval);
        Recording.Interval total = recording.total();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("options", options);
        report.put("requestsPerSecond", total.requests() / (double) duration.toSeconds());
        report.put("total", total);
        report.put("intervals", recording.intervals());
        Path out = Path.of(options.get("out"));
        Reports.writeJson(out.resolve("load.json"), report);
        String table = Reports.intervalsTable(recording.intervals()) + Reports.intervalsTable(List.of(total)).lines().skip(2)
                .map(line -> line.replaceFirst("^\\| -?\\d+ ", "| total ")).reduce("", (a, b) -> a + b + "\n");
        Reports.writeText(out.resolve("load.md"), table);
        System.out.print(table);
    }

    static Keycloak admin(String url) {
        return Keycloak.getInstance(url, "master", System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"), "admin-cli");
    }

    /**
     * The run's users, in the simulated Facebook and as brokered twins in storezero: deleted once, by whichever comes
     * first of the end of {@code main} and the shutdown hook; the other waits for it, so the JVM does not exit halfway.
     */
    static final class RunUsers {

        static final String BROKER = "facebook";
        static final String REALM = "storezero";

        private final String url;
        private final String prefix;
        private boolean deleted;

        RunUsers(String url, String prefix) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("--prefix must not be empty: it names the users the run deletes");
            }
            this.url = url;
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }

        synchronized void delete() {
            if (deleted) {
                return;
            }
            deleted = true;
            try (Keycloak admin = admin(url)) {
                int count = 0;
                for (String realm : List.of(BROKER, REALM)) {
                    count += FacebookUsers.delete(admin, realm, prefix);
                }
                System.err.println("[load] deleted " + count + " users named " + prefix + "-*");
            } catch (RuntimeException e) {
                System.err.println("[load] could not delete the users named " + prefix + "-* (" + e
                        + "): delete them in the admin console of " + url);
            }
        }
    }
}
