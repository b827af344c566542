package io.storezero.keycloak.broker;

import java.util.List;
import java.util.Map;

import io.storezero.keycloak.BundleInfo;

import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * "Upstream user id" identity-provider mapper: stores {@code <provider alias>|<upstream user id>} in a user attribute,
 * for any identity provider. Written when the first login creates the account; with sync mode FORCE (or LEGACY,
 * which Keycloak treats like FORCE for mappers without older behaviour) on every later login; never again with IMPORT.
 *
 * <p>Keycloak calls {@link #importNewUser} for accounts the first login created, and {@link #updateBrokeredUser}
 * (through its sync-mode delegate) for every other login, including the one that links an existing account.
 */
public final class UpstreamUserIdMapper extends AbstractIdentityProviderMapper implements ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "storezero-upstream-user-id-idp-mapper";

    private static final Logger LOG = Logger.getLogger(UpstreamUserIdMapper.class);

    private static final String[] COMPATIBLE_PROVIDERS = {ANY_PROVIDER};

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(UpstreamUserId.ATTRIBUTE_OPTION)
            .label("User attribute")
            .helpText("User attribute that receives '<provider alias>|<upstream user id>', the form of Auth0's user_id"
                    + " (for example facebook|10157...). Keep it admin-only in the user profile, and use the same attribute"
                    + " in the 'Link migrated account' authenticator and in the protocol mapper that puts it in tokens."
                    + " Default: " + UpstreamUserId.DEFAULT_ATTRIBUTE + ".")
            .type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE)
            .defaultValue(UpstreamUserId.DEFAULT_ATTRIBUTE)
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return COMPATIBLE_PROVIDERS;
    }

    @Override
    public String getDisplayCategory() {
        return "Attribute Importer";
    }

    @Override
    public String getDisplayType() {
        return "Upstream user id (Auth0 user_id)";
    }

    @Override
    public String getHelpText() {
        return "Stores '<provider alias>|<upstream user id>' (Auth0's user_id form, e.g. facebook|10157...) in a user"
                + " attribute: when the first login creates the account, and on later logins with sync mode FORCE or LEGACY."
                + " With IMPORT the value, once written or imported from Auth0, is never changed.";
    }

    /** The attribute written when a mapper has no configuration of its own, and the form of the value. */
    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo(PROVIDER_ID, Map.of("default." + UpstreamUserId.ATTRIBUTE_OPTION, UpstreamUserId.DEFAULT_ATTRIBUTE,
                "value", "<provider alias>|<upstream user id>", "compatible-providers", String.join(", ", COMPATIBLE_PROVIDERS)));
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user,
                              IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        store(user, mapperModel, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user,
                                   IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        store(user, mapperModel, context);
    }

    private static void store(UserModel user, IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        String attribute = UpstreamUserId.attribute(mapperModel.getConfig());
        String value = UpstreamUserId.of(context);
        if (!List.of(value).equals(user.getAttributeStream(attribute).toList())) {
            LOG.debugf("setting %s of user %s from identity provider %s", attribute, user.getId(), context.getIdpConfig().getAlias());
            user.setSingleAttribute(attribute, value);
        }
    }
}
