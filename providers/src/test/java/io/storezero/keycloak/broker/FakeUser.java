package io.storezero.keycloak.broker;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.UserModel;

/** A UserModel that only keeps an id and attributes: enough for the code under test, which needs no more. */
public final class FakeUser {

    public final Map<String, List<String>> attributes = new HashMap<>();
    public int writes;
    public final UserModel model;

    public FakeUser(String id) {
        model = (UserModel) Proxy.newProxyInstance(UserModel.class.getClassLoader(), new Class<?>[]{UserModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getAttributeStream" -> attributes.getOrDefault((String) args[0], List.of()).stream();
                    case "getFirstAttribute" -> attributes.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "setSingleAttribute" -> {
                        writes++;
                        attributes.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                        yield null;
                    }
                    case "toString" -> "FakeUser " + id;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
