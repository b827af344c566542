package io.storezero.keycloak.console;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/** A client and a realm holding attributes, and a realm that stores at most one tab component. */
final class ConsoleFakes {

    private ConsoleFakes() {
    }

    static ClientModel client(String id, Map<String, String> attributes) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[]{ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], (String) args[1]);
                    case "toString" -> "client " + id;
                    default -> throw new UnsupportedOperationException("ClientModel." + method.getName());
                });
    }

    static RealmModel realm(Map<String, String> attributes, ComponentModel stored, ClientModel... clients) {
        Map<String, ClientModel> byId = new HashMap<>();
        for (ClientModel client : clients) {
            byId.put(client.getId(), client);
        }
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> args.length == 1 ? attributes.get((String) args[0]) : null;
                    case "setAttribute" -> attributes.put((String) args[0], String.valueOf(args[1]));
                    case "getClientById" -> byId.get((String) args[0]);
                    case "getComponent" -> stored != null && stored.getId().equals(args[0]) ? new ComponentModel(stored) : null;
                    case "toString" -> "realm";
                    default -> throw new UnsupportedOperationException("RealmModel." + method.getName());
                });
    }

    static ComponentModel component(String id, Map<String, String> config) {
        ComponentModel model = new ComponentModel();
        model.setId(id);
        config.forEach((key, value) -> model.getConfig().putSingle(key, value));
        return model;
    }
}
