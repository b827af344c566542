package io.storezero.keycloak.storageaccess;

import org.keycloak.models.ClientModel;

/** The per-client switch of the Storage Access frame ({@link StorageAccessResource}). */
public final class StorageAccess {

    /**
     * Client attribute; {@code "false"} switches the Storage Access frame off for that client, which is then refused
     * like an unknown client. Any other value, or none, leaves it on: the frame only ever serves an origin that is
     * already one of the client's Web Origins, and only for a client that speaks web_message.
     */
    public static final String CLIENT_ENABLED_ATTRIBUTE = "storezero.storage_access.enabled";

    private StorageAccess() {
    }

    public static boolean isEnabledFor(ClientModel client) {
        return !"false".equalsIgnoreCase(client.getAttribute(CLIENT_ENABLED_ATTRIBUTE));
    }
}
