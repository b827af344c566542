package io.storezero.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.storezero.testsupport.PageServer;

/**
 * The SPA's origin for the benchmark, {@code http://localhost:<port>}, served by test-support's {@link PageServer}
 * on 127.0.0.1 only: the bench page, the fragment variants' callback page, the floor's page, keycloak-js's
 * {@code silent-check-sso.html}, and keycloak-js itself from the npm package {@code npm ci} installed. Nothing else
 * (every other path is a 404): the realm file beside the pages is not served.
 */
public final class BenchPages implements AutoCloseable {

    private static final Map<String, String> PAGES = Map.of(
            "/bench.html", "/bench/bench.html",
            "/callback.html", "/bench/callback.html",
            "/floor.html", "/bench/floor.html",
            "/silent-check-sso.html", "/bench/silent-check-sso.html");
    private static final String KEYCLOAK_JS = "/node_modules/keycloak-js/lib/keycloak.js";

    private final PageServer server;

    private BenchPages(PageServer server) {
        this.server = server;
    }

    public static BenchPages start(int port, Path nodeModules) {
        Path keycloakJs = nodeModules.resolve("keycloak-js/lib/keycloak.js");
        if (!Files.isRegularFile(keycloakJs)) {
            throw new IllegalStateException("no " + keycloakJs + ": run npm ci in bench/src/main/js (the build does)");
        }
        try {
            PageServer.Builder pages = PageServer.on("localhost", port);
            for (Map.Entry<String, String> page : PAGES.entrySet()) {
                pages.page(page.getKey(), BenchAdmin.resource(page.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            pages.page(KEYCLOAK_JS, "text/javascript; charset=utf-8", Files.readAllBytes(keycloakJs));
            return new BenchPages(pages.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keycloakJs, e);
        }
    }

    public String origin() {
        return server.origin();
    }

    @Override
    public void close() {
        server.close();
    }
}
