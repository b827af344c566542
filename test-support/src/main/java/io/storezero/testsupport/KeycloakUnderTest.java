package io.storezero.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

/**
 * Which Keycloak these tests are talking to: how it was started ({@link Mode}), the URL its issuers are built on, how
 * to be its administrator, and which certificate its TLS port presents. Every way the suites start Keycloak hands
 * its tests one of these, and the shared helpers (token checks, realm URLs, readiness) take it instead of a URL, a
 * password and a trust store each.
 *
 * <pre>{@code
 * KeycloakUnderTest keycloak = StorezeroServer.keycloak();          // or ClusterTopology.keycloak(), ...
 * keycloak.tokens("storezero").idToken(idToken, "storezero-spa", nonce);
 * }</pre>
 */
public final class KeycloakUnderTest {

    /** The ways the suites start a Keycloak, each with the module whose tests use it. */
    public enum Mode {
        /** provider-tests: the Keycloak Test Framework's server (start-dev, H2), realms created per test class. */
        TEST_FRAMEWORK("the Test Framework's Keycloak"),
        /** integration-tests: {@code ./storezero start} (start-dev, H2, the realms of realm-export/). */
        RUNNER_DEV("the runner's Keycloak"),
        /** integration-tests: {@code ./storezero cluster start}, two nodes --optimized on PostgreSQL behind HAProxy. */
        RUNNER_CLUSTER("the runner's cluster"),
        /** integration-tests: a stock Keycloak with the release zip installed by INSTALL.md's own commands. */
        INSTALLED("Keycloak installed from the release zip"),
        /** container-tests: the bundle's Docker image through Testcontainers (--optimized, the production realm). */
        IMAGE("the bundle's image"),
        /** container-tests: docker/compose.cluster.yml, two image nodes on PostgreSQL behind HAProxy. */
        COMPOSE("the compose cluster");

        private final String description;

        Mode(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A user of the master realm who may use the admin API (through {@code admin-cli}). */
    public record Admin(String username, Supplier<String> password) {
        public Admin {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        public static Admin of(String username, String password) {
            return new Admin(username, () -> password);
        }
    }

    private final Mode mode;
    private final String url;
    private final Optional<Admin> admin;
    private final Optional<SSLContext> tls;

    private KeycloakUnderTest(Mode mode, String url, Optional<Admin> admin, Optional<SSLContext> tls) {
        this.mode = Objects.requireNonNull(mode, "mode");
        URI parsed = URI.create(Objects.requireNonNull(url, "url"));
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null
                || url.endsWith("/") || parsed.getQuery() != null || parsed.getFragment() != null) {
            throw new IllegalArgumentException("not a Keycloak base URL (http(s)://host:port[/path], no trailing slash): " + url);
        }
        if ("https".equals(parsed.getScheme()) && tls.isEmpty()) {
            throw new IllegalArgumentException(url + " is HTTPS: say which certificate it presents (of(mode, url, trust))");
        }
        this.url = url;
        this.admin = admin;
        this.tls = tls;
    }

    /** A Keycloak of this mode answering at {@code url} (its issuers are {@code <url>/realms/<realm>}). */
    public static KeycloakUnderTest of(Mode mode, String url) {
        return new KeycloakUnderTest(mode, url, Optional.empty(), Optional.empty());
    }

    /** A Keycloak of this mode answering at {@code url}, whose TLS certificate {@code trust} accepts. */
    public static KeycloakUnderTest of(Mode mode, String url, SSLContext trust) {
        return new KeycloakUnderTest(mode, url, Optional.empty(), Optional.of(Objects.requireNonNull(trust, "trust")));
    }

    /** The same Keycloak with a master-realm administrator the tests may sign in as. */
    public KeycloakUnderTest administeredBy(Admin administrator) {
        return new KeycloakUnderTest(mode, url, Optional.of(administrator), tls);
    }

    public Mode mode() {
        return mode;
    }

    /** The base URL, without a trailing slash: what the browser opens and every issuer starts with. */
    public String url() {
        return url;
    }

    /** The master-realm administrator, where the mode has one for the tests (the Test Framework injects its own). */
    public Admin admin() {
        return admin.orElseThrow(() -> new IllegalStateException(this + " has no administrator for the tests"));
    }

    /** {@code <url>/realms/<realm>}: the realm's issuer, as every token it signs names it. */
    public String issuer(String realm) {
        if (realm == null || realm.isBlank() || realm.contains("/")) {
            throw new IllegalArgumentException("not a realm name: " + realm);
        }
        return url + "/realms/" + realm;
    }

    /** Verifies the tokens of {@code realm} against the realm's own keys, fetched under this Keycloak's TLS trust. */
    public TokenVerifier tokens(String realm) {
        return tokens(realm, TokenVerifier.KEYS_TIMEOUT);
    }

    /** {@link #tokens(String)}, each fetch of the keys within {@code keysTimeout} (a cold node behind a balancer is slow). */
    public TokenVerifier tokens(String realm, Duration keysTimeout) {
        return TokenVerifier.realm(issuer(realm), tls.map(SSLContext::getSocketFactory).orElse(null), keysTimeout);
    }

    /** Waits until {@code realm}'s discovery document answers 200, or fails after {@code timeout}. */
    public void awaitRealm(String realm, Duration timeout) {
        awaitRealm(realm, timeout, () -> { });
    }

    /**
     * {@link #awaitRealm(String, Duration)}, running {@code startCheck} before each try: it throws (with the start's
     * log) when the start already failed, so a Keycloak that exited fails the test at once, not after the timeout.
     */
    public void awaitRealm(String realm, Duration timeout, Runnable startCheck) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        tls.ifPresent(builder::sslContext);
        HttpClient http = builder.build();
        URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        Poll.until(timeout, realm + "'s discovery at " + this, () -> {
            startCheck.run();
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200 ? Boolean.TRUE : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public String toString() {
        return mode.description() + " at " + url;
    }
}
