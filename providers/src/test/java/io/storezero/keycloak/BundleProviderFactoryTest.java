package io.storezero.keycloak;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import static org.assertj.core.api.Assertions.assertThat;

class BundleProviderFactoryTest {

    private static final class Example extends BundleProviderFactory<RealmResourceProvider> {

        private final AtomicInteger made = new AtomicInteger();

        Example() {
            super("example");
        }

        @Override
        public RealmResourceProvider create(KeycloakSession session) {
            return realmResource(() -> made.incrementAndGet() == 1 ? "first" : null);
        }

        @Override
        protected Map<String, String> settings() {
            return Map.of("z-setting", "last", "a-setting", "first");
        }
    }

    @Test
    void theProviderInfoIsTheVersionsTheIdAndTheSortedSettings() {
        Example factory = new Example();
        factory.init(null);
        factory.postInit(null);
        factory.close();

        assertThat(factory.getId()).isEqualTo("example");
        assertThat(factory.getOperationalInfo().keySet())
                .containsExactly("bundle-version", "built-for-keycloak", "provider-id", "a-setting", "z-setting");
        assertThat(factory.getOperationalInfo()).containsEntry("provider-id", "example");
    }

    @Test
    void aRealmResourceIsMadeOnEachAskAndMayBeAbsent() {
        RealmResourceProvider provider = new Example().create(null);

        assertThat(provider.getResource()).isEqualTo("first");
        assertThat(provider.getResource()).as("null: Keycloak answers 404").isNull();
        provider.close();
    }
}
