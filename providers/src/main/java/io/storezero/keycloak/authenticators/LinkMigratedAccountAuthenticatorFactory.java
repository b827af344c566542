package io.storezero.keycloak.authenticators;

import java.util.List;
import java.util.Map;

import io.storezero.keycloak.BundleProviderFactory;
import io.storezero.keycloak.broker.UpstreamUserId;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** "Link migrated account (upstream user id)": for first-broker-login flows. See {@link LinkMigratedAccountAuthenticator}. */
public final class LinkMigratedAccountAuthenticatorFactory extends BundleProviderFactory<Authenticator> implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "storezero-link-migrated-account";

    private static final LinkMigratedAccountAuthenticator SINGLETON = new LinkMigratedAccountAuthenticator();

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(UpstreamUserId.ATTRIBUTE_OPTION)
            .label("User attribute")
            .helpText("User attribute holding '<provider alias>|<upstream user id>' (Auth0's user_id form), as imported"
                    + " from an Auth0 export or written by the 'Upstream user id' mapper. The one account whose attribute"
                    + " equals the value of this login is linked. Default: " + UpstreamUserId.DEFAULT_ATTRIBUTE + ".")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(UpstreamUserId.DEFAULT_ATTRIBUTE)
            .add()
            .build();

    public LinkMigratedAccountAuthenticatorFactory() {
        super(PROVIDER_ID);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Link migrated account (upstream user id)";
    }

    @Override
    public String getReferenceCategory() {
        return "autoLink";
    }

    @Override
    public String getHelpText() {
        return "First broker login only. Links the identity to the one existing account whose upstream-user-id attribute"
                + " equals '<provider alias>|<upstream user id>' of this login (e.g. accounts imported from Auth0), without"
                + " asking. Never matches on e-mail. No match: the next alternative runs. Several matches: the login stops"
                + " with an error. Use as an ALTERNATIVE before the standard 'create or link' steps.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    /** The attribute matched when an execution has no configuration of its own. */
    @Override
    protected Map<String, String> settings() {
        return Map.of("default." + UpstreamUserId.ATTRIBUTE_OPTION, UpstreamUserId.DEFAULT_ATTRIBUTE,
                "matches", "exactly one account whose attribute equals '<provider alias>|<upstream user id>'; never e-mail or username");
    }
}
