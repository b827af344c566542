package io.storezero.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import io.storezero.testsupport.TestPageBrowser;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A web origin of its own for the test pages (the "SPA" side), served on loopback by the JDK's HTTP server.
 * Every path answers {@code pages/app.html}: the page that frames, opens and listens like an SPA would; paths under
 * {@code /sdk/} answer {@code pages/sdk.html}, an SPA built on the unmodified Auth0 SDKs, which it loads from
 * {@code /node_modules/} (the npm packages installed from {@code src/test/js/package-lock.json}). A test can put its own
 * pages at exact paths ({@link #serve}).
 */
public final class TestPages implements AutoCloseable {

    /** The SPA's origin, registered as redirect URI and Web Origin in the test realms. */
    public static final int APP_PORT = StorezeroServer.configuredPort("storezero.it.pages.port");
    public static final String APP_ORIGIN = "http://localhost:" + APP_PORT;
    /** Another origin on the same loopback address, registered nowhere as a Web Origin. */
    public static final int FOREIGN_PORT = StorezeroServer.configuredPort("storezero.it.pages.foreign.port");
    public static final String FOREIGN_ORIGIN = "http://127.0.0.1:" + FOREIGN_PORT;
    /** The SPA over TLS: the same site as Keycloak's HTTPS port. */
    public static final int HTTPS_PORT = StorezeroServer.configuredPort("storezero.it.pages.https.port");
    public static final String HTTPS_ORIGIN = "https://localhost:" + HTTPS_PORT;

    /** Path prefix of the canary: a request to it means a hostile payload ran or rendered on some page. */
    public static final String CANARY_PATH = "/szpwn/";

    private final HttpServer server;
    private final ExecutorService exchanges;
    private final String origin;
    private final List<String> canaryHits;
    private final Map<String, Served> served;

    private TestPages(HttpServer server, ExecutorService exchanges, String origin, List<String> canaryHits, Map<String, Served> served) {
        this.server = server;
        this.exchanges = exchanges;
        this.origin = origin;
        this.canaryHits = canaryHits;
        this.served = served;
    }

    /** A file a test put at an exact path, answered instead of the default page. */
    private record Served(String contentType, byte[] body) {
    }

    /** The pages on {@link #APP_ORIGIN}. */
    public static TestPages startApp() {
        return start("localhost", APP_PORT, null);
    }

    /** The pages on {@link #FOREIGN_ORIGIN}. */
    public static TestPages startForeign() {
        return start("127.0.0.1", FOREIGN_PORT, null);
    }

    /** The pages on {@link #HTTPS_ORIGIN}. */
    public static TestPages startSecureApp() {
        return startHttps(HTTPS_PORT);
    }

    /**
     * The pages over TLS with the run's test certificate ({@link TestTls}): {@code https://localhost:<port>} is the
     * same site as Keycloak's HTTPS port ({@link StorezeroServer#KEYCLOAK_HTTPS_URL}), so Keycloak's cookies reach its hidden iframes as
     * first-party cookies, the deployment web-message.md recommends.
     */
    private static TestPages startHttps(int port) {
        return start("localhost", port, TestTls.get().serverSslContext());
    }

    private static TestPages start(String host, int port, SSLContext tls) {
        try {
            HttpServer server;
            if (tls == null) {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            } else {
                HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
            byte[] page = TestPageBrowser.page();
            byte[] sdkPage = resource("/pages/sdk.html");
            Map<String, Served> served = new ConcurrentHashMap<>();
            server.createContext("/", exchange -> {
                Served file = served.get(exchange.getRequestURI().getPath());
                if (file != null) {
                    send(exchange, 200, file.contentType(), file.body());
                } else {
                    send(exchange, 200, "text/html; charset=utf-8", page);
                }
            });
            List<String> canaryHits = new CopyOnWriteArrayList<>();
            server.createContext(CANARY_PATH, exchange -> {
                canaryHits.add(exchange.getRequestURI().getRawPath().substring(CANARY_PATH.length()));
                // Answer as an image and as a script that does nothing, so every kind of canary request completes.
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                send(exchange, 200, "image/gif", new byte[0]);
            });
            server.createContext("/sdk/", exchange -> send(exchange, 200, "text/html; charset=utf-8", sdkPage));
            server.createContext("/node_modules/", exchange -> {
                Path modules = nodeModules();
                Path file = modules.resolve(exchange.getRequestURI().getPath().substring("/node_modules/".length())).normalize();
                if (!file.startsWith(modules) || !Files.isRegularFile(file)) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, file.toString().endsWith(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream",
                        Files.readAllBytes(file));
            });
            // Each exchange on its own thread: by default the JDK server runs them on its one dispatcher thread, where
            // a connection Chromium opened ahead of time (TLS handshake or request not sent yet) blocks every other
            // page load until the browser's renderer times out (seen on the HTTPS pages of the same-site cells).
            ExecutorService exchanges = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "test-pages-" + port);
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(exchanges);
            server.start();
            return new TestPages(server, exchanges, (tls == null ? "http://" : "https://") + host + ":" + port, canaryHits, served);
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

    /**
     * Answers {@code path} (exact, e.g. {@code /} or {@code /silent-renew.html}) with {@code body} from now on, instead of
     * the default page; for pages a test builds, such as the snippets of docs/spa.md.
     */
    public void serve(String path, String contentType, byte[] body) {
        served.put(path, new Served(contentType, body.clone()));
    }

    /** The URL a hostile payload requests when it runs or renders: {@code <origin>/szpwn/<id>}. */
    public String canaryUrl(String id) {
        return origin + CANARY_PATH + id;
    }

    /** The ids of every canary request so far, in arrival order. */
    public List<String> canaryHits() {
        return List.copyOf(canaryHits);
    }

    @Override
    public void close() {
        server.stop(0);
        exchanges.shutdownNow();
    }

    /** The SDK packages; {@code npm ci} in {@code src/test/js} puts them there (the build does it before the tests). */
    static Path nodeModules() {
        Path modules = Path.of(System.getProperty("storezero.js.modules", "src/test/js/node_modules")).toAbsolutePath().normalize();
        if (!Files.isDirectory(modules)) {
            throw new IllegalStateException("no " + modules + ": run npm ci in integration-tests/src/test/js");
        }
        return modules;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
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
