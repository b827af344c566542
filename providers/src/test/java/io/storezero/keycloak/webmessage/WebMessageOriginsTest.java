package io.storezero.keycloak.webmessage;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import static org.assertj.core.api.Assertions.assertThat;

class WebMessageOriginsTest {

    private static final String REDIRECT = "https://spa.example/callback";

    private final Map<String, Object> attributes = new HashMap<>();
    private final KeycloakSession request = (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
            new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getAttribute" -> args.length == 2 && ((Class<?>) args[1]).isInstance(attributes.get((String) args[0]))
                        ? attributes.get((String) args[0]) : null;
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                default -> throw new UnsupportedOperationException("KeycloakSession." + method.getName());
            });

    @Test
    void aListedOriginIsTheTarget() {
        assertThat(WebMessageOrigins.target(request, client("spa", new HashSet<>(Set.of("https://spa.example"))), REDIRECT))
                .contains(new WebMessageTarget(REDIRECT, "https://spa.example"));
    }

    @Test
    void anUnlistedOriginOrNoClientIsNoTarget() {
        assertThat(WebMessageOrigins.target(request, client("spa", new HashSet<>(Set.of("https://other.example"))), REDIRECT)).isEmpty();
        assertThat(WebMessageOrigins.target(request, client("spa", new HashSet<>(Set.of("*"))), REDIRECT)).isEmpty();
        assertThat(WebMessageOrigins.target(request, null, REDIRECT)).isEmpty();
    }

    @Test
    void aRequestChecksAClientsRedirectUriOnce() {
        Set<String> webOrigins = new HashSet<>(Set.of("https://spa.example"));
        ClientModel spa = client("spa", webOrigins);
        assertThat(WebMessageOrigins.target(request, spa, REDIRECT)).isPresent();
        webOrigins.clear();

        assertThat(WebMessageOrigins.target(request, spa, REDIRECT)).as("the delivery reuses the first request's check").isPresent();
        assertThat(WebMessageOrigins.target(request, spa, "https://spa.example/other")).as("another redirect URI is checked").isEmpty();
        assertThat(WebMessageOrigins.target(request, client("other-spa", Set.of()), REDIRECT)).as("another client is checked").isEmpty();
    }

    @Test
    void aRefusalIsNotRemembered() {
        Set<String> webOrigins = new HashSet<>();
        ClientModel spa = client("spa", webOrigins);
        assertThat(WebMessageOrigins.target(request, spa, REDIRECT)).isEmpty();
        webOrigins.add("https://spa.example");

        assertThat(WebMessageOrigins.target(request, spa, REDIRECT)).isPresent();
    }

    private static ClientModel client(String clientId, Set<String> webOrigins) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[] {ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getClientId" -> clientId;
                    case "getWebOrigins" -> webOrigins;
                    case "toString" -> clientId;
                    default -> throw new UnsupportedOperationException("ClientModel." + method.getName());
                });
    }
}
