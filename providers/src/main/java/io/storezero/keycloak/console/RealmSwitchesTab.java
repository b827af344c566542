package io.storezero.keycloak.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.storezero.keycloak.auth0.Auth0ResourceProviderFactory;
import io.storezero.keycloak.fedcm.FedCm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The "Storezero realm" tab of Realm settings in the admin console: the bundle's per-realm switches, each written to
 * the realm attribute the feature reads.
 */
public final class RealmSwitchesTab extends SwitchesTab<RealmModel> {

    /** Also the tab's title in the console; distinct from the client tab's id (one id per SPI). */
    public static final String PROVIDER_ID = "Storezero realm";

    static final String ROUTE = "/:realm/realm-settings/:tab";
    static final String TAB = "storezero";

    static final List<Switch<RealmModel>> SWITCHES = List.of(
            new Switch<>("auth0", "Auth0-compatible endpoints",
                    "Serve the Auth0-shaped endpoints under /realms/<realm>/auth0 (authorize, oauth/token, userinfo, "
                            + "v2/logout, discovery, JWKS) in this realm, for apps written against Auth0's SDKs. "
                            + "Off: every path there answers 404.",
                    Auth0ResourceProviderFactory.REALM_ENABLED_ATTRIBUTE, false, Auth0ResourceProviderFactory::isEnabledIn),
            new Switch<>("fedcmDynamicClients", "FedCM for dynamically registered clients",
                    "Let a client's FedCM switch count on clients created through dynamic client registration (those "
                            + "with a registration access token). Off: only clients an administrator manages can use FedCM.",
                    FedCm.REALM_DYNAMIC_CLIENTS_ATTRIBUTE, false, FedCm::dynamicClientsAllowed));

    public RealmSwitchesTab() {
        super(PROVIDER_ID, ROUTE, TAB, "Storezero bundle switches for this realm. Saving changes only the switches you changed.", SWITCHES);
    }

    /** The component lives in the realm it configures (its parent is the realm), so the target is that realm. */
    @Override
    protected Optional<RealmModel> target(KeycloakSession session, RealmModel realm, Map<String, String> routeParams) {
        return Optional.of(realm);
    }

    @Override
    protected void setAttribute(RealmModel realm, String name, String value) {
        realm.setAttribute(name, value);
    }
}
