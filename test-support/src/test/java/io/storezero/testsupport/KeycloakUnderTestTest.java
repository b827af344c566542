package io.storezero.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.storezero.testsupport.KeycloakUnderTest.Admin;
import io.storezero.testsupport.KeycloakUnderTest.Mode;
import org.junit.jupiter.api.Test;

class KeycloakUnderTestTest {

    @Test
    void issuersAreBuiltOnTheBaseUrl() {
        KeycloakUnderTest keycloak = KeycloakUnderTest.of(Mode.RUNNER_DEV, "http://localhost:28080");
        assertThat(keycloak.issuer("storezero")).isEqualTo("http://localhost:28080/realms/storezero");
        assertThat(keycloak.tokens("storezero").issuer()).isEqualTo("http://localhost:28080/realms/storezero");
        assertThat(keycloak).hasToString("the runner's Keycloak at http://localhost:28080");
        assertThatThrownBy(() -> keycloak.issuer("../master")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keycloak.issuer(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBaseUrlIsAnHttpOriginWithAnOptionalPathAndNoTrailingSlash() {
        assertThat(KeycloakUnderTest.of(Mode.IMAGE, "http://localhost:8080/auth").issuer("r")).isEqualTo("http://localhost:8080/auth/realms/r");
        for (String bad : new String[] {"http://localhost:8080/", "localhost:8080", "ftp://localhost", "http://localhost:8080?x=1",
                "http://localhost:8080#x"}) {
            assertThatThrownBy(() -> KeycloakUnderTest.of(Mode.IMAGE, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anHttpsKeycloakNeedsItsTrust() throws Exception {
        assertThatThrownBy(() -> KeycloakUnderTest.of(Mode.INSTALLED, "https://localhost:24443"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of(mode, url, trust)");
        SSLContext trust = SSLContext.getDefault();
        KeycloakUnderTest https = KeycloakUnderTest.of(Mode.INSTALLED, "https://localhost:24443", trust)
                .administeredBy(Admin.of("admin", "secret"));
        assertThat(https.issuer("storezero")).isEqualTo("https://localhost:24443/realms/storezero");
        assertThat(https.tokens("storezero").issuer()).isEqualTo("https://localhost:24443/realms/storezero");
        assertThat(https.mode()).isEqualTo(Mode.INSTALLED);
        assertThat(https.admin().password().get()).isEqualTo("secret");
    }

    @Test
    void aModeWithoutAnAdministratorSaysSo() {
        KeycloakUnderTest framework = KeycloakUnderTest.of(Mode.TEST_FRAMEWORK, "http://localhost:8080");
        assertThatThrownBy(framework::admin).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the Test Framework's Keycloak at http://localhost:8080");
    }

    @Test
    void theAdministratorsPasswordIsReadWhenAsked() {
        AtomicInteger reads = new AtomicInteger();
        KeycloakUnderTest cluster = KeycloakUnderTest.of(Mode.RUNNER_CLUSTER, "http://localhost:48080")
                .administeredBy(new Admin("admin", () -> "generated-" + reads.incrementAndGet()));
        assertThat(reads).hasValue(0);
        assertThat(cluster.admin().password().get()).isEqualTo("generated-1");
    }

    @Test
    void awaitRealmWaitsForTheDiscoveryDocumentAndStopsAtAFailedStart() {
        try (PageServer server = PageServer.on("localhost", 0)
                .page("/realms/storezero/.well-known/openid-configuration", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .start()) {
            KeycloakUnderTest keycloak = KeycloakUnderTest.of(Mode.INSTALLED, server.origin());
            keycloak.awaitRealm("storezero", Duration.ofSeconds(5));
            assertThatThrownBy(() -> keycloak.awaitRealm("storezero", Duration.ofMinutes(5), () -> {
                throw new AssertionError("Keycloak exited with 1");
            })).isInstanceOf(AssertionError.class).hasMessage("Keycloak exited with 1");
            assertThatThrownBy(() -> keycloak.awaitRealm("other", Duration.ofMillis(300))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("other's discovery");
        }
    }
}
