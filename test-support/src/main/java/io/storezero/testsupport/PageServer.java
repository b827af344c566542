package io.storezero.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The SPA's side of every suite: one web origin of test pages, served by the JDK's HTTP server on 127.0.0.1 only.
 * A request is answered by, in this order: a page put at its exact path ({@link Builder#page}, {@link #serve}), the
 * handler of the longest matching path prefix ({@link Builder#files}, {@link Builder#handler}), the fallback page
 * ({@link Builder#fallback}: an SPA answers every path with its page), or 404. Pages are never cached.
 *
 * <pre>{@code
 * try (PageServer app = PageServer.on("localhost", 0).fallback(TestPageBrowser.page()).start()) {
 *     browser.open(app.url("/"));
 * }
 * }</pre>
 *
 * A suite that already runs an HTTP server (the Test Framework's) mounts {@link #pageHandler} on it instead.
 */
public final class PageServer implements AutoCloseable {

    /** The content type of the HTML pages served here. */
    public static final String HTML = "text/html; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService exchanges;
    private final String origin;
    private final Map<String, Page> pages;

    private PageServer(HttpServer server, ExecutorService exchanges, String origin, Map<String, Page> pages) {
        this.server = server;
        this.exchanges = exchanges;
        this.origin = origin;
        this.pages = pages;
    }

    /**
     * A server for the origin {@code http(s)://<host>:<port>}; {@code host} names the origin ({@code localhost} or
     * {@code 127.0.0.1}: two sites on one address), the socket binds 127.0.0.1 whatever it is; port 0 lets the
     * system pick one.
     */
    public static Builder on(String host, int port) {
        return new Builder(host, port);
    }

    /** A handler answering every request with {@code html}, for a server a suite already has. */
    public static HttpHandler pageHandler(byte[] html) {
        byte[] body = html.clone();
        return exchange -> send(exchange, 200, HTML, body);
    }

    /** Answers the exchange with {@code body}, uncached. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code http://<host>:<port>} or {@code https://...}: the origin the browser sees. */
    public String origin() {
        return origin;
    }

    public String url(String path) {
        return origin + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code path} (exact) with {@code body} from now on, before any prefix or the fallback. */
    public void serve(String path, String contentType, byte[] body) {
        pages.put(path, new Page(contentType, body.clone()));
    }

    @Override
    public void close() {
        server.stop(0);
        exchanges.shutdownNow();
    }

    private record Page(String contentType, byte[] body) {
    }

    /** What the server answers; {@link #start()} binds it. */
    public static final class Builder {

        private final String host;
        private final int port;
        private final Map<String, Page> pages = new ConcurrentHashMap<>();
        private final Map<String, HttpHandler> prefixes = new LinkedHashMap<>();
        private SSLContext tls;
        private Page fallback;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** Serves over TLS with this context's certificate: the origin is {@code https://}. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /** An HTML page at an exact path. */
        public Builder page(String path, byte[] html) {
            return page(path, HTML, html);
        }

        public Builder page(String path, String contentType, byte[] body) {
            pages.put(path, new Page(contentType, body.clone()));
            return this;
        }

        /** The HTML page of every path nothing else answers (without one: 404). */
        public Builder fallback(byte[] html) {
            this.fallback = new Page(HTML, html.clone());
            return this;
        }

        /**
         * The files of {@code folder} under the path {@code prefix} (e.g. {@code /node_modules/}); a path that leaves
         * the folder or names no regular file is a 404. Scripts are {@code text/javascript}.
         */
        public Builder files(String prefix, Path folder) {
            Path root = folder.toAbsolutePath().normalize();
            return handler(prefix, exchange -> {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(prefix.length())).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                String name = file.getFileName().toString();
                send(exchange, 200, name.endsWith(".js") || name.endsWith(".mjs") ? "text/javascript; charset=utf-8"
                        : name.endsWith(".html") ? HTML : "application/octet-stream", Files.readAllBytes(file));
            });
        }

        /** Every path under {@code prefix} goes to {@code handler}. */
        public Builder handler(String prefix, HttpHandler handler) {
            prefixes.put(prefix, handler);
            return this;
        }

        public PageServer start() {
            try {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
                HttpServer server;
                if (tls == null) {
                    server = HttpServer.create(address, 0);
                } else {
                    HttpsServer https = HttpsServer.create(address, 0);
                    https.setHttpsConfigurator(new HttpsConfigurator(tls));
                    server = https;
                }
                Map<String, HttpHandler> byLength = new LinkedHashMap<>();
                prefixes.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                        .forEach(prefix -> byLength.put(prefix, prefixes.get(prefix)));
                Page otherwise = fallback;
                server.createContext("/", exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    Page page = pages.get(path);
                    if (page != null) {
                        send(exchange, 200, page.contentType(), page.body());
                        return;
                    }
                    for (Map.Entry<String, HttpHandler> prefix : byLength.entrySet()) {
                        if (path.startsWith(prefix.getKey())) {
                            prefix.getValue().handle(exchange);
                            return;
                        }
                    }
                    if (otherwise != null) {
                        send(exchange, 200, otherwise.contentType(), otherwise.body());
                    } else {
                        send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    }
                });
                int bound = server.getAddress().getPort();
                // Each exchange on its own thread: on the JDK server's one dispatcher thread, a connection Chromium
                // opened ahead of time (TLS handshake or request not sent yet) blocks every other page load until the
                // renderer times out (seen on the HTTPS pages of the same-site cells).
                ExecutorService exchanges = Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "test-pages-" + bound);
                    thread.setDaemon(true);
                    return thread;
                });
                server.setExecutor(exchanges);
                server.start();
                return new PageServer(server, exchanges, (tls == null ? "http://" : "https://") + host + ":" + bound, pages);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve test pages on 127.0.0.1:" + port, e);
            }
        }
    }
}
