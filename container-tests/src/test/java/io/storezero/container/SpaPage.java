package io.storezero.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.storezero.testsupport.PageServer;

/**
 * The SPA side: {@code page.html} (a message listener and a hidden-iframe helper) on every path, served by
 * test-support's {@link PageServer} on loopback on a port the system picks, so the suite runs beside the other suites
 * and the demo, which hold fixed ports.
 */
final class SpaPage implements AutoCloseable {

    private final PageServer server;

    private SpaPage(PageServer server) {
        this.server = server;
    }

    static SpaPage start() {
        try (InputStream in = SpaPage.class.getResourceAsStream("/page.html")) {
            return new SpaPage(PageServer.on("localhost", 0).fallback(in.readAllBytes()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://localhost:<port>}: the realm's STOREZERO_APP_URL, hence the SPA client's only Web Origin. */
    String origin() {
        return server.origin();
    }

    @Override
    public void close() {
        server.close();
    }
}
