package io.storezero.providers.framework;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The Keycloak the provider tests run on: the framework's {@code keycloak-quarkus-dist} (pinned to
 * {@code keycloak.dist.version} in this module's POM) with the bundle deployed the way an operator deploys it, as
 * the providers jar and the themes jar in {@code providers/}. Every test class names this config, so one server
 * serves the whole module.
 */
public final class StorezeroServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config
                .dependency("io.storezero", "storezero-keycloak-providers")
                .dependency("io.storezero", "storezero-keycloak-themes");
    }
}
