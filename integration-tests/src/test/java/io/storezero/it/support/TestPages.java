package io.storezero.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * A web origin of its own for the test pages (the "SPA" side), served on loopback by the JDK's HTTP server.
 * Every path answers {@code pages/app.html}: the page that frames, opens and listens like an SPA would.
 */
public final class TestPages implements AutoCloseable {

    private final HttpServer server;
    private final String origin;

    private TestPages(HttpServer server, String origin) {
        this.server = server;
        this.origin = origin;
    }

    /** @param host {@code localhost} or {@code 127.0.0.1}: two different origins on the same loopback address */
    public static TestPages start(String host, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            byte[] page = resource("/pages/app.html");
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            });
            server.start();
            return new TestPages(server, "http://" + host + ":" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String origin() {
        return origin;
    }

    public String url(String path) {
        return origin + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The script of {@code pages/app.html}: what makes any document on an origin a test page. */
    static String helperScript() {
        try {
            String page = new String(resource("/pages/app.html"), java.nio.charset.StandardCharsets.UTF_8);
            return page.substring(page.indexOf("<script>") + "<script>".length(), page.indexOf("</script>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TestPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
