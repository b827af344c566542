package io.storezero.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Keycloak of the bundle, started once for the whole test run by the README's own runner
 * ({@code ./storezero start}, with the realms of {@code realm-export/} imported) and stopped by
 * {@code ./storezero stop} when the run ends. Tests use an in-memory dev database, so every run starts clean.
 *
 * <p>{@code -Dstorezero.external=true} (Maven property of the same name) uses a Keycloak that is already running at
 * {@link #KEYCLOAK_URL}, started by {@code ./storezero start} with the same realms, and leaves it running: a quicker
 * edit-test loop for tests. CI never sets it.
 *
 * <p>Keycloak serves HTTP on 8080 and HTTPS on 8443 (certificate from {@link TestTls}) in that one start.
 */
public final class StorezeroServer implements BeforeAllCallback {

    public static final String KEYCLOAK_URL = "http://localhost:8080";
    /** The same Keycloak over TLS, with the run's self-signed certificate ({@link TestTls}); auth0-spa-js needs it. */
    public static final int HTTPS_PORT = 8443;
    public static final String KEYCLOAK_HTTPS_URL = "https://localhost:" + HTTPS_PORT;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(StorezeroServer.class, key -> Running.start(), Running.class);
    }

    public static Path root() {
        return Path.of(System.getProperty("storezero.root", "..")).toAbsolutePath().normalize();
    }

    public static Path state() {
        return Path.of(System.getProperty("storezero.state", "target/storezero")).toAbsolutePath().normalize();
    }

    /** Keycloak's own log of this run: what a log reader would see. */
    public static Path keycloakLog() {
        return state().resolve("keycloak.log");
    }

    static final class Running implements AutoCloseable {

        private final boolean external;

        private Running(boolean external) {
            this.external = external;
        }

        static Running start() {
            boolean external = Boolean.getBoolean("storezero.external");
            if (!external) {
                runner("start", 900);
            }
            return new Running(external);
        }

        @Override
        public void close() {
            if (!external) {
                runner("stop", 120);
            }
        }

        private static void runner(String command, long timeoutSeconds) {
            try {
                Files.createDirectories(state());
                Path output = state().resolve("runner-" + command + ".out");
                ProcessBuilder builder = new ProcessBuilder(root().resolve("storezero").toString(), command)
                        .directory(root().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().put("STOREZERO_STATE", state().toString());
                builder.environment().put("STOREZERO_DB", "dev-mem");
                if ("start".equals(command)) {
                    TestTls tls = TestTls.get();
                    builder.environment().put("STOREZERO_HTTPS_PORT", String.valueOf(HTTPS_PORT));
                    builder.environment().put("STOREZERO_TLS_KEYSTORE", tls.keystore().toString());
                    builder.environment().put("STOREZERO_TLS_KEYSTORE_PASSWORD", tls.password());
                }
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("./storezero " + command + " took over " + timeoutSeconds + " s; see " + output);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("./storezero " + command + " failed:\n" + Files.readString(output));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run ./storezero " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
