package io.storezero.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import io.storezero.testsupport.PageServer;
import io.storezero.testsupport.TestPageBrowser;

/**
 * A web origin of its own for the test pages (the "SPA" side), served on loopback by test-support's {@link PageServer}.
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

    private final PageServer server;
    private final List<String> canaryHits;

    private TestPages(PageServer server, List<String> canaryHits) {
        this.server = server;
        this.canaryHits = canaryHits;
    }

    /** The pages on {@link #APP_ORIGIN}. */
    public static TestPages startApp() {
        return start("localhost", APP_PORT, null);
    }

    /** The pages on {@link #FOREIGN_ORIGIN}. */
    public static TestPages startForeign() {
        return start("127.0.0.1", FOREIGN_PORT, null);
    }

    /**
     * The pages on {@link #HTTPS_ORIGIN}, over TLS with the run's test certificate ({@link TestTls}): the same site as
     * Keycloak's HTTPS port ({@link StorezeroServer#KEYCLOAK_HTTPS_URL}), so Keycloak's cookies reach its hidden
     * iframes as first-party cookies, the deployment web-message.md recommends.
     */
    public static TestPages startSecureApp() {
        return start("localhost", HTTPS_PORT, TestTls.get().serverSslContext());
    }

    private static TestPages start(String host, int port, SSLContext tls) {
        List<String> canaryHits = new CopyOnWriteArrayList<>();
        PageServer.Builder pages = PageServer.on(host, port)
                .fallback(TestPageBrowser.page())
                .handler("/sdk/", PageServer.pageHandler(resource("/pages/sdk.html")))
                .files("/node_modules/", nodeModules())
                .handler(CANARY_PATH, exchange -> {
                    canaryHits.add(exchange.getRequestURI().getRawPath().substring(CANARY_PATH.length()));
                    // Answered as an image and as a script that does nothing, so every kind of canary request completes.
                    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                    PageServer.send(exchange, 200, "image/gif", new byte[0]);
                });
        if (tls != null) {
            pages.tls(tls);
        }
        return new TestPages(pages.start(), canaryHits);
    }

    public String origin() {
        return server.origin();
    }

    public String url(String path) {
        return server.url(path);
    }

    /**
     * Answers {@code path} (exact, e.g. {@code /} or {@code /silent-renew.html}) with {@code body} from now on, instead of
     * the default page; for pages a test builds, such as the snippets of docs/spa.md.
     */
    public void serve(String path, String contentType, byte[] body) {
        server.serve(path, contentType, body);
    }

    /** The URL a hostile payload requests when it runs or renders: {@code <origin>/szpwn/<id>}. */
    public String canaryUrl(String id) {
        return server.url(CANARY_PATH + id);
    }

    /** The ids of every canary request so far, in arrival order. */
    public List<String> canaryHits() {
        return List.copyOf(canaryHits);
    }

    @Override
    public void close() {
        server.close();
    }

    /** The SDK packages; {@code npm ci} in {@code src/test/js} puts them there (the build does it before the tests). */
    static Path nodeModules() {
        Path modules = Path.of(System.getProperty("storezero.js.modules", "src/test/js/node_modules")).toAbsolutePath().normalize();
        if (!Files.isDirectory(modules)) {
            throw new IllegalStateException("no " + modules + ": run npm ci in integration-tests/src/test/js");
        }
        return modules;
    }

    private static byte[] resource(String name) {
        try (InputStream in = TestPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
