package io.storezero.keycloak.authenticators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storezero.keycloak.BundleProviderFactory;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The Connection Redirector: Auth0's {@code connection} parameter picks the identity provider, in any browser flow. */
public final class ConnectionRedirectorFactory extends BundleProviderFactory<Authenticator> implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "storezero-connection-redirector";

    private static final ConnectionRedirector SINGLETON = new ConnectionRedirector();

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.DISABLED
    };

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(ConnectionRedirectorConfig.DEFAULT_CONNECTION)
            .label("Default connection")
            .helpText("Connection (identity provider alias) used when the request names none. Empty: show this realm's login page.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .add()
            .property()
            .name(ConnectionRedirectorConfig.LOCAL_CONNECTIONS)
            .label("Local connections")
            .helpText("Connection names that mean this realm's own login form (Auth0's database connection): no redirect.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .defaultValue(ConnectionRedirectorConfig.AUTH0_DATABASE_CONNECTION)
            .add()
            .property()
            .name(ConnectionRedirectorConfig.CONNECTION_MAPPING)
            .label("Connection mapping")
            .helpText("Entries 'connection=alias' for Auth0 connection names that differ from the identity provider alias, e.g. google-oauth2=google.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .add()
            .property()
            .name(ConnectionRedirectorConfig.HONOUR_KC_IDP_HINT)
            .label("Honour kc_idp_hint")
            .helpText("Also accept Keycloak's kc_idp_hint parameter when no connection is given.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .add()
            .build();

    public ConnectionRedirectorFactory() {
        super(PROVIDER_ID);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Connection Redirector (Auth0 connection)";
    }

    @Override
    public String getHelpText() {
        return "Redirects to the identity provider named by Auth0's 'connection' parameter (or kc_idp_hint, or a default). "
                + "Unknown connections get an error page; under prompt=none the answer is login_required, never a redirect.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    /**
     * The defaults an execution without configuration runs with (each execution may override them in its own
     * configuration), and the request parameters it reads.
     */
    @Override
    protected Map<String, String> settings() {
        ConnectionRedirectorConfig defaults = ConnectionRedirectorConfig.of(Map.of());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("request-parameter", ConnectionRedirector.CONNECTION_PARAM);
        settings.put("default." + ConnectionRedirectorConfig.DEFAULT_CONNECTION, defaults.defaultConnection().orElse("(none: this realm's login page)"));
        settings.put("default." + ConnectionRedirectorConfig.LOCAL_CONNECTIONS, String.join(", ", defaults.localConnections()));
        settings.put("default." + ConnectionRedirectorConfig.CONNECTION_MAPPING, "(none: connection = identity provider alias)");
        settings.put("default." + ConnectionRedirectorConfig.HONOUR_KC_IDP_HINT, String.valueOf(defaults.honourKcIdpHint()));
        return settings;
    }
}
