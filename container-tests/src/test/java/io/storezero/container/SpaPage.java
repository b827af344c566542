package io.storezero.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * The SPA side: {@code page.html} (a message listener and a hidden-iframe helper) on every path, served on loopback
 * on a port the system picks, so the suite runs beside the other suites and the demo, which hold fixed ports.
 */
final class SpaPage implements AutoCloseable {

    private final HttpServer server;

    private SpaPage(HttpServer server) {
        this.server = server;
    }

    static SpaPage start() {
        try (InputStream in = SpaPage.class.getResourceAsStream("/page.html")) {
            byte[] page = in.readAllBytes();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            });
            server.start();
            return new SpaPage(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://localhost:<port>}: the realm's STOREZERO_APP_URL, hence the SPA client's only Web Origin. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
