package io.storezero.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark of issue 11 ({@code ./storezero bench}, docs/performance.md): how long a silent authentication takes
 * in headless Chromium for each {@link Variant}, against one Keycloak with the bundle, all variants interleaved in one
 * run (A B C ... A B C ...) so that whatever else the machine does at a moment weighs on every variant alike; and what
 * it costs the server alone ({@link ServerBench}).
 */
public final class Bench {

    /** The bench realm's user the browser run signs in. */
    static final String USER = "bench-1";

    private Bench() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path report = run(options);
        System.out.println("[bench] report: " + report + " and " + report.resolveSibling("bench.json"));
    }

    /**
     * One whole run: Keycloak, the server alone, then realm, pages, browser, measurements, report; everything started
     * is stopped. The server section runs first, on a Keycloak nothing has loaded yet, so its measured warm-up starts
     * cold, and with no Chromium running beside it.
     */
    public static Path run(BenchOptions options) {
        String started = Instant.now().toString();
        try (BenchKeycloak keycloak = BenchKeycloak.of(options);
             BenchPages pages = BenchPages.start(options.pagesPort(), nodeModules(options));
             BenchAdmin admin = new BenchAdmin(keycloak.url(), options.adminUser(), keycloak.adminPassword())) {
            BenchReport report = new BenchReport();
            report.server(ServerBench.run(admin, keycloak.url(), keycloak.pidFile(), options.server()));
            admin.createRealm(pages.origin());
            try (BenchBrowser browser = BenchBrowser.start()) {
                browser.signIn(keycloak.url(), BenchAdmin.REALM, pages.origin(), USER, USER);
                browser.openBenchPage(pages.origin(), keycloak.url(), BenchAdmin.REALM);
                System.out.println("[bench] warm-up: " + options.warmup() + " rounds");
                for (int round = 0; round < options.warmup(); round++) {
                    for (Variant variant : Variant.values()) {
                        browser.run(variant);
                    }
                }
                for (int round = 0; round < options.iterations(); round++) {
                    for (Variant variant : Variant.values()) {
                        report.add(variant, browser.run(variant));
                    }
                    if ((round + 1) % 10 == 0) {
                        System.out.println("[bench] " + (round + 1) + "/" + options.iterations() + " rounds");
                    }
                }
                BenchReport.Machine machine = new BenchReport.Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
                        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                        browser.chromiumVersion(), admin.serverVersion(), options.mode(), options.iterations(),
                        options.warmup(), started);
                return report.write(options.out(), machine);
            } finally {
                admin.deleteRealm();
            }
        }
    }

    private static Path nodeModules(BenchOptions options) {
        return Path.of(System.getProperty("storezero.bench.js.modules",
                options.root().resolve("bench/src/main/js/node_modules").toString())).toAbsolutePath();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU (" + System.getProperty("os.arch") + ")";
        }
    }
}
