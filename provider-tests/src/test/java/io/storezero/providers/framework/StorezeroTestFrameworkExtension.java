package io.storezero.providers.framework;

import java.util.List;

import org.keycloak.testframework.TestFrameworkExtension;
import org.keycloak.testframework.injection.Supplier;

/**
 * What the bundle adds to the Keycloak Test Framework: the SPA pages ({@link InjectSpaPages}) and the Chromium
 * WebDriver ({@code kc.test.browser=storezero-chromium}). Registered in
 * {@code META-INF/services/org.keycloak.testframework.TestFrameworkExtension}.
 */
public final class StorezeroTestFrameworkExtension implements TestFrameworkExtension {

    @Override
    public List<Supplier<?, ?>> suppliers() {
        return List.of(new SpaPagesSupplier(), new ChromiumWebDriverSupplier());
    }
}
