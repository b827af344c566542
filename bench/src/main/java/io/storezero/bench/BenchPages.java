package io.storezero.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The SPA's origin for the benchmark, {@code http://localhost:<port>}, served by the JDK's HTTP server on 127.0.0.1
 * only: the bench page, the fragment variants' callback page, the floor's page, keycloak-js's
 * {@code silent-check-sso.html}, and keycloak-js itself from the npm package {@code npm ci} installed. Nothing else:
 * the realm file beside the pages is not served.
 */
public final class BenchPages implements AutoCloseable {

    private static final Map<String, String> PAGES = Map.of(
            "/bench.html", "/bench/bench.html",
            "/callback.html", "/bench/callback.html",
            "/floor.html", "/bench/floor.html",
            "/silent-check-sso.html", "/bench/silent-check-sso.html");
    private static final String KEYCLOAK_JS = "/node_modules/keycloak-js/lib/keycloak.js";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String origin;

    private BenchPages(HttpServer server, ExecutorService executor, String origin) {
        this.server = server;
        this.executor = executor;
        this.origin = origin;
    }

    public static BenchPages start(int port, Path nodeModules) {
        Path keycloakJs = nodeModules.resolve("keycloak-js/lib/keycloak.js");
        if (!Files.isRegularFile(keycloakJs)) {
            throw new IllegalStateException("no " + keycloakJs + ": run npm ci in bench/src/main/js (the build does)");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            for (Map.Entry<String, String> page : PAGES.entrySet()) {
                byte[] body = BenchAdmin.resource(page.getValue()).getBytes(StandardCharsets.UTF_8);
                server.createContext(page.getKey(), exchange -> send(exchange, "text/html; charset=utf-8", body));
            }
            byte[] script = Files.readAllBytes(keycloakJs);
            server.createContext(KEYCLOAK_JS, exchange -> send(exchange, "text/javascript; charset=utf-8", script));
            // Several at once: keycloak-js loads while the page does, and a popup's pages load beside the opener's.
            ExecutorService executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            server.start();
            return new BenchPages(server, executor, "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the bench pages on 127.0.0.1:" + port, e);
        }
    }

    public String origin() {
        return origin;
    }

    private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        // A context answers its path and everything under it; only the exact path is a page.
        if (!PAGES.containsKey(exchange.getRequestURI().getPath()) && !KEYCLOAK_JS.equals(exchange.getRequestURI().getPath())) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
