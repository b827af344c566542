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
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of("url", "http://localhost:8080", "app", "http://localhost:3000",
                "users", "20", "clients", "4", "warmup", "20", "duration", "60", "mode", "web_message", "flow", "implicit",
                "out", "target/load", "interval", "10"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        SilentAuthentication request = SilentAuthentication.storezeroSpa(options.get("url"), options.get("app"),
                SilentAuthentication.ResponseMode.valueOf(options.get("mode").toUpperCase()),
                SilentAuthentication.Flow.valueOf(options.get("flow").toUpperCase()));
        HttpClient http = Http.client();
        List<Session> sessions = new ArrayList<>();
        try (Keycloak admin = Keycloak.getInstance(options.get("url"), "master",
                System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"), "admin-cli")) {
            String prefix = "load-" + Long.toString(System.currentTimeMillis(), 36);
            BrokeredLogin login = new BrokeredLogin(http, request, "facebook");
            for (String user : FacebookUsers.create(admin, "facebook", prefix, Integer.parseInt(options.get("users")))) {
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
}
