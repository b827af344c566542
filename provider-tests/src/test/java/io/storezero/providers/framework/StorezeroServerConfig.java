package io.storezero.providers.framework;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The Keycloak the provider tests run on: the framework's {@code keycloak-quarkus-dist} (pinned to
 * {@code keycloak.dist.version} in this module's POM) with the bundle deployed the way an operator deploys it, as
 * the providers jar and the themes jar in {@code providers/}. Every test class names this config, so one server
 * serves the whole module.
 */
public final class StorezeroServerConfig implements KeycloakServerConfig {

    /**
     * The ports the framework's distribution-mode server binds (26.7 has no setting for them). Its mock HTTP server's
     * {@value SpaPages#PORT} is not checked here: it may be up already, and a clash there fails with its own message.
     */
    static final List<Integer> FRAMEWORK_PORTS = List.of(8080, 8443, 9000);
    private static final AtomicBoolean PORTS_CHECKED = new AtomicBoolean();

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        // The framework calls this for every test's dependency graph, so only the first call, before any server runs,
        // may look at the ports; and in remote mode (provider-tests/run-on.sh) the server is up on them on purpose.
        if (!"remote".equals(System.getProperty("kc.test.server")) && PORTS_CHECKED.compareAndSet(false, true)) {
            for (int port : FRAMEWORK_PORTS) {
                requireFree(port);
            }
        }
        return config
                .dependency("io.storezero", "storezero-keycloak-providers")
                .dependency("io.storezero", "storezero-keycloak-themes");
    }

    /** Fails at once, saying what to do, instead of a start timeout or a test against somebody else's server. */
    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use (the demo? ./storezero stop). The Keycloak Test"
                    + " Framework binds " + FRAMEWORK_PORTS + " (and " + SpaPages.PORT + ") itself; to run the provider tests beside it, add"
                    + " -Dprovider-tests.private-network (a private network namespace for the test JVM)", e);
        }
    }
}
