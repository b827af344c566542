package io.storezero.providers.framework;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.storezero.testsupport.PageServer;
import io.storezero.testsupport.TestPageBrowser;

/**
 * The single-page app's side of every test: {@code pages/app.html} ({@link TestPageBrowser#page()}), the page that
 * frames, opens and listens as an SPA does, served on the framework's HTTP server (loopback port {@value #PORT}) at
 * every path. The same server is two origins: {@link #url} ({@code http://localhost:8500}, the test realms' registered redirect URI and Web Origin) and
 * {@link #foreignUrl} ({@code http://127.0.0.1:8500}, a stranger). The page is answered by test-support's
 * {@link PageServer#pageHandler}, mounted on the framework's server rather than on a server of its own.
 */
public final class SpaPages {

    /** The framework's mock HTTP server binds this port (HttpServerSupplier); the realms are rewritten to it. */
    public static final int PORT = 8500;
    public static final String ORIGIN = "http://localhost:" + PORT;
    public static final String FOREIGN_ORIGIN = "http://127.0.0.1:" + PORT;

    private final HttpContext context;

    SpaPages(HttpServer server) {
        this.context = server.createContext("/", PageServer.pageHandler(TestPageBrowser.page()));
    }

    public String origin() {
        return ORIGIN;
    }

    public String url(String path) {
        return ORIGIN + path;
    }

    public String foreignUrl(String path) {
        return FOREIGN_ORIGIN + path;
    }

    void close() {
        context.getServer().removeContext(context);
    }
}
