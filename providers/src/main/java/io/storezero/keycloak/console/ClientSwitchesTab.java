package io.storezero.keycloak.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.storezero.keycloak.fedcm.FedCm;
import io.storezero.keycloak.storageaccess.StorageAccess;
import io.storezero.keycloak.webmessage.WebMessage;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The "Storezero" tab on a client's page in the admin console (Clients → a client → Storezero): the bundle's
 * per-client switches, each written to the client attribute the feature reads.
 */
public final class ClientSwitchesTab extends SwitchesTab<ClientModel> {

    /** Also the tab's title in the console. */
    public static final String PROVIDER_ID = "Storezero";

    /** The console's route of a client's page; {@code clientId} there is the client's id, not its client ID. */
    static final String ROUTE = "/:realm/clients/:clientId/:tab";
    static final String TAB = "storezero";
    static final String CLIENT_PARAM = "clientId";

    static final List<Switch<ClientModel>> SWITCHES = List.of(
            new Switch<>("webMessage", "web_message response mode",
                    "Answer this client's authorization requests with response_mode=web_message (a page that posts the "
                            + "result to the redirect URI's origin, which must be one of the client's Web Origins). "
                            + "Off: such requests are refused with invalid_request.",
                    WebMessage.CLIENT_ENABLED_ATTRIBUTE, true, WebMessage::isEnabledFor),
            new Switch<>("storageAccess", "Storage Access frame",
                    "Serve the Storage Access frame (/storage-access/frame) for this client, so that a page on one of "
                            + "its Web Origins can ask the browser for access to Keycloak's cookies. Needs web_message on. "
                            + "Off: the frame refuses this client like an unknown one.",
                    StorageAccess.CLIENT_ENABLED_ATTRIBUTE, true, StorageAccess::isEnabledFor),
            new Switch<>("fedcm", "FedCM",
                    "Let the browser's FedCM dialog sign users in to this client (the FedCM endpoints list it and "
                            + "issue it authorization codes). For a dynamically registered client this also needs the "
                            + "realm's switch for dynamic clients.",
                    FedCm.CLIENT_ENABLED_ATTRIBUTE, false, FedCm::isSwitchedOn));

    public ClientSwitchesTab() {
        super(PROVIDER_ID, ROUTE, TAB, "Storezero bundle switches for this client. Saving changes only the switches you changed.", SWITCHES);
    }

    @Override
    protected Optional<ClientModel> target(KeycloakSession session, RealmModel realm, Map<String, String> routeParams) {
        return Optional.ofNullable(routeParams.get(CLIENT_PARAM)).map(realm::getClientById);
    }

    @Override
    protected void setAttribute(ClientModel client, String name, String value) {
        client.setAttribute(name, value);
    }
}
