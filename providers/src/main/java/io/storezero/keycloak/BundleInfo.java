package io.storezero.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What every factory of the bundle reports to Keycloak's server info ({@code ServerInfoAwareProviderFactory}), shown
 * in the admin console under Provider info: the bundle's version, the Keycloak version it was built against, the
 * provider id, and the settings that matter for that provider. Never a secret: the map is public to realm admins.
 *
 * <p>The versions come from {@code bundle.properties}, which Maven filters at build time, so they are those of the
 * jar actually deployed.
 */
public final class BundleInfo {

    private static final Properties BUILD = load();

    private BundleInfo() {
    }

    /** The bundle's version, e.g. {@code 1.0.0} (the root POM's {@code revision}). */
    public static String version() {
        return BUILD.getProperty("version");
    }

    /** Version, Keycloak version and provider id first, then {@code settings} sorted by name. */
    public static Map<String, String> operationalInfo(String providerId, Map<String, String> settings) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("bundle-version", version());
        info.put("built-for-keycloak", BUILD.getProperty("keycloak.version"));
        info.put("provider-id", providerId);
        info.putAll(new TreeMap<>(settings));
        return info;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BundleInfo.class.getResourceAsStream("bundle.properties")) {
            if (in == null) {
                throw new IllegalStateException("bundle.properties is missing from the providers jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
