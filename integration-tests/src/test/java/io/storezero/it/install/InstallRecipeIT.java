package io.storezero.it.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.TestTls;
import io.storezero.it.support.Tokens;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.KeycloakUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The release zip's INSTALL.md is the script: the zip is unpacked, and its command blocks run, as written, against a
 * stock keycloak-quarkus-dist of each supported version. The test fills in only what the document names as the
 * admin's to choose (the Keycloak folder {@code $KC}, the example URLs, the Facebook app, the certificate files) and
 * adds only options the document offers (ports, bind addresses, curl's {@code --cacert}), so a changed command in
 * the document is the command that runs.
 *
 * <p>Per version: one unzip and one {@code kc.sh build} (step 1). Its copy is the throw-away Keycloak of "Try it
 * locally first" (the same build, no build options, as the section asks), where the dev realms are imported and a
 * user signs in through the stand-in Facebook, then renews silently in a hidden iframe (prompt=none, web_message) and
 * receives tokens by postMessage. The first folder then gets the production realm (steps 2 and 3 in one shell, over
 * HTTPS with the run's test certificate), answers step 4's check with the documented output, and, with no session, answers a
 * silent request from the app with {@code login_required} by web message. Real Facebook is never called.
 */
class InstallRecipeIT {

    private static final List<String> VERSIONS = List.of(System.getProperty("storezero.it.install.keycloak.versions", "").split(","));
    private static final int HTTP_PORT = StorezeroServer.configuredPort("storezero.it.install.http.port");
    private static final int HTTPS_PORT = StorezeroServer.configuredPort("storezero.it.install.https.port");
    private static final String TRY_URL = "http://localhost:" + HTTP_PORT;
    private static final String PRODUCTION_URL = "https://localhost:" + HTTPS_PORT;
    /** The throw-away Keycloak of "Try it locally first", and the production start of steps 2 to 4 (HTTPS). */
    private static final KeycloakUnderTest TRY = KeycloakUnderTest.of(KeycloakUnderTest.Mode.INSTALLED, TRY_URL);
    private static final KeycloakUnderTest PRODUCTION = KeycloakUnderTest.of(KeycloakUnderTest.Mode.INSTALLED, PRODUCTION_URL,
            TestTls.get().sslContext());
    private static final String REALM = "storezero";
    private static final String SPA = "storezero-spa";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static Path work;
    private static Path logs;
    private static Path bundle;
    private static InstallGuide guide;
    private static Path certificate;
    private static Path privateKey;
    private static TestPages app;
    private static Chromium browser;
    /** Every Keycloak this class started and has not stopped yet: {@link #stopAll} ends them even after a failure. */
    private static final List<Process> running = new ArrayList<>();

    static List<String> versions() {
        return VERSIONS;
    }

    @BeforeAll
    static void unpackTheZipAndStartTheBrowser() throws Exception {
        Path zip = Path.of(System.getProperty("storezero.it.install.zip"));
        assertThat(zip).as("the release zip (the release module builds it before this module)").isRegularFile();
        Path target = Path.of(System.getProperty("storezero.state", "target/storezero")).toAbsolutePath().getParent();
        work = target.resolve("install-recipe");
        logs = target.resolve("install-recipe-logs");
        delete(work);
        delete(logs);
        Files.createDirectories(work);
        Files.createDirectories(logs);
        command(Duration.ofMinutes(1), logs.resolve("unzip-bundle.log"), "unzip", "-q", zip.toString(), "-d", work.toString());
        bundle = work.resolve(zip.getFileName().toString().replaceFirst("\\.zip$", ""));
        guide = InstallGuide.read(bundle.resolve("INSTALL.md"));
        assertThat(guide.sectionsWithCommands()).as("the sections of INSTALL.md with commands: each one is run below")
                .containsExactly("1. Copy the jars and build", "Try it locally first (no Facebook account needed)",
                        "2. Import the realm", "3. Start", "4. Check that it worked");
        writePemFiles();
        app = TestPages.startApp();
        browser = Chromium.start();
    }

    @AfterAll
    static void stopEverything() {
        try {
            stopAll();
            if (browser != null) {
                browser.close();
            }
            if (app != null) {
                app.close();
            }
        } finally {
            delete(work);
        }
    }

    @ParameterizedTest(name = "Keycloak {0}")
    @MethodSource("versions")
    void theInstallGuideInstallsTheZipIntoAStockKeycloak(String version) throws Exception {
        Instant began = Instant.now();
        Path folder = work.resolve(version);
        Path versionLogs = Files.createDirectories(logs.resolve(version));
        try {
            Path production = folder.resolve("production");
            Files.createDirectories(production);
            Path dist = Path.of(System.getProperty("storezero.it.install.dists")).resolve("keycloak-quarkus-dist-" + version + ".zip");
            command(Duration.ofMinutes(2), versionLogs.resolve("unzip.log"), "unzip", "-q", dist.toString(), "-d", production.toString());
            Path kc = production.resolve("keycloak-" + version);
            assertThat(kc.resolve("bin/kc.sh")).isRegularFile();

            run(versionLogs.resolve("1-build.log"), kc, guide.section("1.").command(), BUILD_TIMEOUT);

            // The throw-away Keycloak: step 1 with no build options gives the same folder, so a copy stands for it.
            Path trial = folder.resolve("try");
            Files.createDirectories(trial);
            command(Duration.ofMinutes(1), versionLogs.resolve("copy.log"), "cp", "-a", kc.toString(), trial.toString());
            tryLocally(trial.resolve(kc.getFileName()), versionLogs);
            delete(trial);

            installForProduction(kc, versionLogs);
        } finally {
            stopAll();
            delete(folder);
            System.out.printf("InstallRecipeIT: Keycloak %s took %d s%n", version, Duration.between(began, Instant.now()).toSeconds());
        }
    }

    /** "Try it locally first": the dev realms, a first login through the stand-in Facebook, then silent renewals. */
    private void tryLocally(Path kc, Path versionLogs) throws IOException {
        String start = fill(guide.section("Try it locally").command(), Map.of(
                "http://localhost:8080", TRY_URL,
                "http://localhost:3000", app.origin()));
        Process keycloak = start(versionLogs.resolve("try-start.log"), kc, addOptions(start, "start --optimized",
                "--http-port=" + HTTP_PORT, "--http-host=127.0.0.1", "--cache-embedded-network-bind-address=127.0.0.1"));
        String issuer = TRY.issuer(REALM);
        awaitReady(TRY, keycloak, versionLogs.resolve("try-start.log"));

        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
        Authorize.Pkce loginPkce = Authorize.Pkce.create();
        browser.open(Authorize.at(TRY_URL, REALM).client(SPA, app.url("/")).param("response_type", "code")
                .param("scope", "openid profile email").param("state", Authorize.random())
                .param("code_challenge", loginPkce.challenge()).param("code_challenge_method", "S256").url());
        browser.continueWithFacebook(TRY_URL + "/realms/facebook", "alice", "alice");
        String back = Chromium.await("the redirect back to the app", () -> {
            String url = browser.driver().getCurrentUrl();
            return url.startsWith(app.url("/?")) ? url : null;
        });
        assertThat(back).contains("code=").doesNotContain("error=");

        // The silent renewal as auth0.js checkSession sends it: the tokens arrive in the web message.
        browser.open(app.url("/"));
        String nonce = Authorize.random();
        browser.silent(Authorize.at(TRY_URL, REALM).client(SPA, app.url("/")).silentImplicit("s1", nonce).url());
        Map<String, Object> message = browser.awaitMessage();
        assertThat(message.get("origin")).isEqualTo(TRY_URL);
        Map<String, Object> implicit = Tokens.response(message);
        assertThat(implicit).containsEntry("state", "s1").containsKeys("access_token", "id_token");
        JWTClaimsSet idToken = Tokens.verifyIdToken((String) implicit.get("id_token"), issuer, SPA, nonce);
        assertThat(idToken.getClaim("email")).isEqualTo("alice@example.org");
        assertThat(Tokens.verifyAccessToken((String) implicit.get("access_token"), issuer, SPA).getSubject()).isEqualTo(idToken.getSubject());

        // As auth0-spa-js getTokenSilently sends it: a code in the web message, exchanged with the PKCE verifier.
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.script("window.received = [];");
        browser.silent(Authorize.at(TRY_URL, REALM).client(SPA, app.url("/")).silentCode("s2", Authorize.random(), pkce).url());
        Map<String, Object> code = Tokens.response(browser.awaitMessage());
        assertThat(code).containsEntry("state", "s2").containsKey("code");
        Map<String, Object> tokens = exchange(issuer, (String) code.get("code"), pkce.verifier());
        assertThat(Tokens.verifyAccessToken((String) tokens.get("access_token"), issuer, SPA).getSubject()).isEqualTo(idToken.getSubject());

        stop(keycloak);
    }

    /** Steps 2 to 4: the production realm, the HTTPS start, the documented check, and a silent request with no session. */
    private void installForProduction(Path kc, Path versionLogs) throws Exception {
        // Steps 2 and 3 in one shell, as the document says: the start imports the realm with step 2's environment.
        String realm = fill(guide.section("2.").command(), Map.of(
                "https://shop.example.com", app.origin(),
                "your-app-id", "1234567890123456",
                "your-app-secret", "not-a-real-secret"));
        String start = fill(guide.section("3.").command(), Map.of(
                "https://login.example.com", PRODUCTION_URL,
                "/etc/keycloak/tls.crt", certificate.toString(),
                "/etc/keycloak/tls.key", privateKey.toString()));
        Process keycloak = start(versionLogs.resolve("3-start.log"), kc, realm + addOptions(start, "start --optimized",
                "--https-port=" + HTTPS_PORT, "--http-host=127.0.0.1", "--cache-embedded-network-bind-address=127.0.0.1"));
        String issuer = PRODUCTION.issuer(REALM);
        awaitReady(PRODUCTION, keycloak, versionLogs.resolve("3-start.log"));

        InstallGuide.Section check = guide.section("4.");
        String curl = addOptions(fill(check.command(), Map.of("https://login.example.com", PRODUCTION_URL)),
                "curl -s", "--cacert " + certificate);
        Path checkLog = versionLogs.resolve("4-check.log");
        run(checkLog, kc, curl, Duration.ofMinutes(1));
        assertThat(Files.readString(checkLog).strip()).as("step 4's output").isEqualTo(check.output().strip());

        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.open(app.url("/"));
        browser.silent(Authorize.at(PRODUCTION_URL, REALM).client(SPA, app.url("/"))
                .silentCode("p1", Authorize.random(), Authorize.Pkce.create()).url());
        Map<String, Object> message = browser.awaitMessage();
        assertThat(message.get("origin")).isEqualTo(PRODUCTION_URL);
        assertThat(Tokens.response(message)).containsEntry("state", "p1").containsEntry("error", "login_required");

        stop(keycloak);
    }

    /** The SPA's token request from its own origin (CORS, PKCE verifier), made by the test page. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> exchange(String issuer, String code, String verifier) {
        browser.script("window.exchanged = null; exchangeCode(arguments[0], arguments[1], function (r) { window.exchanged = r; });",
                issuer + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", SPA, "code", code, "redirect_uri", app.url("/"), "code_verifier", verifier));
        Map<String, Object> result = Chromium.await("the token response", () -> (Map<String, Object>) browser.script("return window.exchanged;"));
        assertThat(result.get("status")).as("token response %s", result.get("body")).isEqualTo(200L);
        return (Map<String, Object>) result.get("body");
    }

    /** {@code command} with each documented example value replaced by the test's; every one must be in it. */
    private static String fill(String command, Map<String, String> values) {
        String filled = command;
        for (Map.Entry<String, String> value : new LinkedHashMap<>(values).entrySet()) {
            assertThat(command).as("INSTALL.md's command names %s", value.getKey()).contains(value.getKey());
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    /** {@code command} with {@code options} added right after {@code anchor}; each option one INSTALL.md offers. */
    private static String addOptions(String command, String anchor, String... options) {
        assertThat(command.split(java.util.regex.Pattern.quote(anchor), -1)).as("'%s' once in %s", anchor, command).hasSize(2);
        for (String option : options) {
            String name = option.contains("=") ? option.substring(0, option.indexOf('=') + 1) : option.split(" ")[0];
            assertThat(guide.mentions("`" + name)).as("INSTALL.md offers %s", name).isTrue();
        }
        return command.replace(anchor, anchor + " " + String.join(" ", options));
    }

    /** Runs a command block to its end in the bundle's folder, {@code $KC} set, and expects success. */
    private static void run(Path log, Path kc, String script, Duration timeout) throws IOException, InterruptedException {
        Process process = bash(log, kc, script);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            stop(process);
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + script + "\n" + tail(log));
        }
        assertThat(process.exitValue()).as("exit status of\n%s\n%s", script, tail(log)).isZero();
    }

    /** Starts a command block whose last command is a Keycloak start; {@link #stop} ends it. */
    private static Process start(Path log, Path kc, String script) {
        Process process = bash(log, kc, script);
        running.add(process);
        return process;
    }

    /**
     * bash, as an admin's shell, with no Keycloak or bundle settings inherited from the build's environment
     * ({@code KC_*}, {@code STOREZERO_*}...): only what the block itself exports. Java is the test's own.
     */
    private static Process bash(Path log, Path kc, String script) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -eo pipefail\n" + script)
                .directory(bundle.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_")
                || name.startsWith("STOREZERO_") || name.startsWith("QUARKUS_") || name.equals("JAVA_OPTS"));
        builder.environment().put("KC", kc.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the storezero realm's discovery document answers, failing early with the log if Keycloak exits. */
    private static void awaitReady(KeycloakUnderTest installed, Process keycloak, Path log) {
        installed.awaitRealm(REALM, START_TIMEOUT, () -> {
            if (!keycloak.isAlive()) {
                throw new AssertionError("Keycloak exited with " + keycloak.exitValue() + ":\n" + tail(log));
            }
        });
    }

    /** Ends a started block and everything it started (kc.sh, Keycloak's JVM), gracefully first. */
    private static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        running.remove(process);
    }

    private static void stopAll() {
        for (Process process : List.copyOf(running)) {
            stop(process);
        }
    }

    private static void command(Duration timeout, Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        assertThat(process.exitValue()).as("%s\n%s", String.join(" ", command), tail(log)).isZero();
    }

    /** The run's test certificate (which Chromium and the Java clients trust) as the PEM files step 3 asks for. */
    private static void writePemFiles() throws IOException, GeneralSecurityException {
        TestTls tls = TestTls.get();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            store.load(in, tls.password().toCharArray());
        }
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        certificate = work.resolve("tls.crt");
        privateKey = work.resolve("tls.key");
        Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\n"
                + pem.encodeToString(store.getCertificate("localhost").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
                + pem.encodeToString(store.getKey("localhost", tls.password().toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
