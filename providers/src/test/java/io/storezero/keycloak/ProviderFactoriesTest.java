package io.storezero.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every factory the jar registers (every line of every {@code META-INF/services} file) can be created as Keycloak
 * creates it, and reports its configuration to the server info an admin reads under Provider info: the bundle's
 * version, its provider id and its settings. That Keycloak lists each id is checked against a real server elsewhere.
 */
class ProviderFactoriesTest {

    private static final Path SERVICES = Path.of("src/main/resources/META-INF/services");

    @Test
    void everyRegisteredFactoryReportsItsConfiguration() throws Exception {
        List<String> registered = new ArrayList<>();
        try (Stream<Path> files = Files.list(SERVICES)) {
            for (Path file : files.sorted().toList()) {
                String spi = file.getFileName().toString();
                for (String className : factories(file)) {
                    Object factory = Class.forName(className).getDeclaredConstructor().newInstance();
                    assertThat(factory).as(className).isInstanceOf(ProviderFactory.class).isInstanceOf(ServerInfoAwareProviderFactory.class);
                    assertThat(Class.forName(spi).isInstance(factory)).as(className + " is a " + spi).isTrue();
                    String id = ((ProviderFactory<?>) factory).getId();
                    Map<String, String> info = ((ServerInfoAwareProviderFactory) factory).getOperationalInfo();

                    assertThat(info).as(className).containsEntry("provider-id", id).containsEntry("bundle-version", BundleInfo.version());
                    assertThat(info.keySet()).as(className + ": settings beyond the version and id").hasSizeGreaterThan(3);
                    assertThat(info.values()).as(className + ": every value filled in, none unfiltered").allSatisfy(value ->
                            assertThat(value).isNotBlank().doesNotContain("${"));
                    registered.add(spi + " -> " + id);
                }
            }
        }
        assertThat(registered).hasSize(10);
        registered.forEach(line -> System.out.println("registered provider: " + line));
    }

    @Test
    void theVersionIsTheBuildsNotAPlaceholder() {
        assertThat(BundleInfo.version()).isNotBlank().doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void theOperationalInfoCarriesNoSecretLookingValue() throws Exception {
        // Realm admins read it: only names, paths, defaults and versions belong there.
        try (Stream<Path> files = Files.list(SERVICES)) {
            for (Path file : files.toList()) {
                for (String className : factories(file)) {
                    Map<String, String> info = ((ServerInfoAwareProviderFactory) Class.forName(className).getDeclaredConstructor().newInstance())
                            .getOperationalInfo();
                    assertThat(info.keySet()).as(className).noneMatch(key -> key.matches("(?i).*(secret|password|credential|private).*"));
                }
            }
        }
    }

    private static List<String> factories(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
