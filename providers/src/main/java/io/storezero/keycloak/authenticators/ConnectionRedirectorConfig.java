package io.storezero.keycloak.authenticators;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;

/**
 * The Connection Redirector's settings, with the defaults that apply when the execution has no configuration.
 * Multivalued options are stored by the admin console joined with {@code ##}.
 */
final class ConnectionRedirectorConfig {

    static final String DEFAULT_CONNECTION = "defaultConnection";
    static final String LOCAL_CONNECTIONS = "localConnections";
    static final String CONNECTION_MAPPING = "connectionMapping";
    static final String HONOUR_KC_IDP_HINT = "honourKcIdpHint";

    /** Auth0's name for the tenant's own username/password database. */
    static final String AUTH0_DATABASE_CONNECTION = "Username-Password-Authentication";

    private final Map<String, String> config;

    private ConnectionRedirectorConfig(Map<String, String> config) {
        this.config = config;
    }

    static ConnectionRedirectorConfig of(AuthenticatorConfigModel model) {
        return of(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    static ConnectionRedirectorConfig of(Map<String, String> config) {
        return new ConnectionRedirectorConfig(config);
    }

    /** The connection used when the request names none; empty for "show this realm's login page". */
    Optional<String> defaultConnection() {
        return Optional.ofNullable(config.get(DEFAULT_CONNECTION)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** Connection names that mean this realm's own login form: the redirector steps aside for them. */
    List<String> localConnections() {
        return config.containsKey(LOCAL_CONNECTIONS) ? split(config.get(LOCAL_CONNECTIONS)) : List.of(AUTH0_DATABASE_CONNECTION);
    }

    /** {@code connection=identity-provider-alias} pairs for Auth0 names that differ from the alias (google-oauth2=google). */
    Map<String, String> connectionMapping() {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String entry : split(config.get(CONNECTION_MAPPING))) {
            int eq = entry.indexOf('=');
            if (eq > 0 && eq < entry.length() - 1) {
                mapping.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return mapping;
    }

    boolean honourKcIdpHint() {
        return !"false".equalsIgnoreCase(config.get(HONOUR_KC_IDP_HINT));
    }

    boolean isLocal(String connection) {
        return localConnections().contains(connection);
    }

    /** The identity provider alias a connection name stands for. */
    String aliasFor(String connection) {
        return connectionMapping().getOrDefault(connection, connection);
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(Constants.CFG_DELIMITER_PATTERN.split(value.trim())).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
