package io.storezero.keycloak.adapters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rule of {@code package-info.java}: outside {@code io.storezero.keycloak.adapters}, the bundle's
 * main code names no Keycloak class outside the public SPI, by import or by qualified name; and every adapter has a
 * test that fails when an upgrade moves what it relies on. The allow-list is the line written down in the package
 * javadoc; change both together.
 */
class InternalsStayInAdaptersTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path ADAPTERS = MAIN.resolve("io/storezero/keycloak/adapters");
    private static final Path ADAPTER_TESTS = Path.of("src/test/java/io/storezero/keycloak/adapters");

    /** Public SPI packages (keycloak-common, keycloak-core data types, keycloak-server-spi, provider interfaces). */
    static final List<String> SPI_PACKAGES = List.of(
            "org.keycloak.common.", "org.keycloak.representations.", "org.keycloak.protocol.oidc.representations.",
            "org.keycloak.models.", "org.keycloak.provider.", "org.keycloak.events.", "org.keycloak.sessions.",
            "org.keycloak.http.", "org.keycloak.broker.provider.", "org.keycloak.wellknown.", "org.keycloak.theme.",
            "org.keycloak.forms.");

    /** Public SPI classes in packages that otherwise hold Keycloak's implementation. */
    static final Set<String> SPI_CLASSES = Set.of(
            "org.keycloak.Config", "org.keycloak.OAuth2Constants", "org.keycloak.OAuthErrorException",
            "org.keycloak.authentication.Authenticator", "org.keycloak.authentication.AuthenticatorFactory",
            "org.keycloak.authentication.AuthenticationFlowContext", "org.keycloak.authentication.AuthenticationFlowError",
            "org.keycloak.authentication.AuthenticationFlowException", "org.keycloak.authentication.ConfigurableAuthenticatorFactory",
            "org.keycloak.authentication.RequiredActionProvider", "org.keycloak.authentication.RequiredActionFactory",
            "org.keycloak.authentication.RequiredActionContext", "org.keycloak.authentication.FormAuthenticator",
            "org.keycloak.authentication.FormAuthenticatorFactory", "org.keycloak.authentication.FormAction",
            "org.keycloak.authentication.FormActionFactory", "org.keycloak.authentication.FormContext",
            "org.keycloak.authentication.ValidationContext",
            "org.keycloak.protocol.LoginProtocol", "org.keycloak.protocol.LoginProtocolFactory",
            "org.keycloak.services.resource.RealmResourceProvider", "org.keycloak.services.resource.RealmResourceProviderFactory");

    /** Adapters whose contract is checked by another adapter's test (they only exist together). */
    private static final Map<String, String> TESTED_WITH = Map.of(
            "FormPostRequest", "KeycloakFormPostTest",
            "KeycloakOidcLoginProtocolFactory", "KeycloakOidcLoginProtocolTest",
            "KeycloakOidcLoginProtocolService", "KeycloakOidcLoginProtocolTest");

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?(org\\.keycloak\\.[\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.keycloak\\.(?:[a-z_]\\w*\\.)*[A-Z]\\w*");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    @Test
    void featureCodeUsesOnlyThePublicSpiAndTheAdapters() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(file -> file.toString().endsWith(".java")).filter(file -> !file.startsWith(ADAPTERS))
                    .forEach(file -> violations.addAll(internalsNamedIn(file)));
        }
        assertThat(violations)
                .as("Keycloak classes outside the public SPI used outside io.storezero.keycloak.adapters: wrap them in an adapter")
                .isEmpty();
    }

    @Test
    void theLineIsWhereThePackageJavadocDrawsIt() {
        assertThat(isPublicSpi("org.keycloak.models.ClientModel")).isTrue();
        assertThat(isPublicSpi("org.keycloak.models.AuthenticationExecutionModel.Requirement")).isTrue();
        assertThat(isPublicSpi("org.keycloak.authentication.AuthenticatorFactory")).isTrue();
        assertThat(isPublicSpi("org.keycloak.services.resource.RealmResourceProvider")).isTrue();
        assertThat(isPublicSpi("org.keycloak.protocol.LoginProtocol")).isTrue();
        assertThat(isPublicSpi("org.keycloak.protocol.oidc.OIDCLoginProtocol")).isFalse();
        assertThat(isPublicSpi("org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint")).isFalse();
        assertThat(isPublicSpi("org.keycloak.protocol.AuthorizationEndpointBase")).isFalse();
        assertThat(isPublicSpi("org.keycloak.authentication.AuthenticationProcessor")).isFalse();
        assertThat(isPublicSpi("org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticator")).isFalse();
        assertThat(isPublicSpi("org.keycloak.services.Urls")).isFalse();
        assertThat(isPublicSpi("org.keycloak.headers.SecurityHeadersProvider")).isFalse();
        assertThat(isPublicSpi("org.keycloak.constants.AdapterConstants")).isFalse();
    }

    @Test
    void theScanFindsAnImportAndAQualifiedName() {
        String source = "package x;\nimport org.keycloak.services.Urls;\nimport static org.keycloak.services.messages.Messages.ACCOUNT_DISABLED;\n"
                + "import org.keycloak.models.ClientModel;\n// org.keycloak.services.ErrorPage in a comment is fine\n"
                + "class X { Object o = org.keycloak.protocol.oidc.utils.RedirectUtils.class; String s = \"org.keycloak.services.Nope\"; }";
        assertThat(internalsNamedIn(Path.of("X.java"), source)).containsExactly(
                "X.java imports org.keycloak.services.Urls",
                "X.java imports org.keycloak.services.messages.Messages",
                "X.java names org.keycloak.protocol.oidc.utils.RedirectUtils");
    }

    @Test
    void everyAdapterHasATest() throws IOException {
        List<String> untested = new ArrayList<>();
        try (Stream<Path> files = Files.list(ADAPTERS)) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".java") && !name.equals("package-info.java"))
                    .map(name -> name.substring(0, name.length() - ".java".length()))
                    .filter(adapter -> !Files.exists(ADAPTER_TESTS.resolve(TESTED_WITH.getOrDefault(adapter, adapter + "Test") + ".java")))
                    .forEach(untested::add);
        }
        assertThat(untested).as("adapters without a test that fails when Keycloak moves what they rely on").isEmpty();
    }

    static boolean isPublicSpi(String className) {
        return SPI_CLASSES.contains(className) || SPI_PACKAGES.stream().anyMatch(className::startsWith);
    }

    private static List<String> internalsNamedIn(Path file) {
        try {
            return internalsNamedIn(MAIN.relativize(file), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> internalsNamedIn(Path file, String source) {
        String code = STRINGS.matcher(COMMENTS.matcher(source).replaceAll(" ")).replaceAll("\"\"");
        List<String> found = new ArrayList<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String className = classOf(imports.group(2));
            if (!isPublicSpi(className)) {
                found.add(file + " imports " + className);
            }
        }
        Matcher qualified = QUALIFIED.matcher(IMPORT.matcher(code).replaceAll(""));
        while (qualified.find()) {
            if (!isPublicSpi(qualified.group())) {
                found.add(file + " names " + qualified.group());
            }
        }
        return found;
    }

    /** The class of an import: up to the first segment that starts upper-case (drops a static member, keeps nesting). */
    private static String classOf(String imported) {
        String[] segments = imported.split("\\.");
        StringBuilder name = new StringBuilder();
        for (String segment : segments) {
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(segment);
            if (Character.isUpperCase(segment.charAt(0))) {
                break;
            }
        }
        return name.toString();
    }
}
