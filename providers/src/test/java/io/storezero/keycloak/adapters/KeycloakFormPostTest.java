package io.storezero.keycloak.adapters;

import java.lang.reflect.Proxy;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one request replay. The context is a stand-in: Keycloak's {@code DefaultKeycloakContext} needs CDI and a
 * Vert.x request, which only the server has; the ITs (web_message, Auth0 JSON token) run the replay for real.
 */
class KeycloakFormPostTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakFormPost.class);

    @Test
    void keycloaksEndpointsStillReadTheRequestTheyAreCreatedOn() {
        // Both keep the context's request in a field at construction: the replay must create them inside the call.
        KEYCLOAK.field("org.keycloak.protocol.AuthorizationEndpointBase", "httpRequest", HttpRequest.class);
        KEYCLOAK.field("org.keycloak.protocol.oidc.endpoints.TokenEndpoint", "request", HttpRequest.class);
        KEYCLOAK.method("org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint", "buildPost", Response.class);
        KEYCLOAK.method("org.keycloak.protocol.oidc.endpoints.TokenEndpoint", "processGrantRequest", Response.class);
    }

    @Test
    void theCallSeesTheFormAndTheRealRequestIsBackAfterwards() {
        Context context = new Context();
        HttpRequest real = realRequest();
        context.setHttpRequest(real);
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("response_mode", "fragment");

        KeycloakSession session = session(context);
        String seen = KeycloakFormPost.replay(session, form, () -> {
            HttpRequest replayed = context.getHttpRequest();
            assertThat(replayed).isNotSameAs(real);
            assertThat(replayed.getDecodedFormParameters()).isSameAs(form);
            assertThat(replayed.getHttpHeaders().getMediaType()).isEqualTo(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
            assertThat(replayed.getHttpHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE)).isEqualTo(MediaType.APPLICATION_FORM_URLENCODED);
            assertThat(replayed.getHttpHeaders().getHeaderString("Origin")).isEqualTo("https://app.example");
            assertThat(replayed.getHttpMethod()).isEqualTo("GET");
            return replayed.getDecodedFormParameters().getFirst("response_mode");
        });

        assertThat(seen).isEqualTo("fragment");
        assertThat(context.getHttpRequest()).isSameAs(real);
    }

    @Test
    void theRealRequestIsBackWhenTheEndpointThrows() {
        Context context = new Context();
        HttpRequest real = realRequest();
        context.setHttpRequest(real);

        assertThatThrownBy(() -> KeycloakFormPost.replay(session(context), new MultivaluedHashMap<>(), () -> {
            throw new IllegalStateException("Keycloak refused");
        })).hasMessage("Keycloak refused");
        assertThat(context.getHttpRequest()).isSameAs(real);
    }

    /** Only the request slot of {@link KeycloakContext}, which is all the replay touches. */
    private static final class Context {
        private HttpRequest request;

        HttpRequest getHttpRequest() {
            return request;
        }

        void setHttpRequest(HttpRequest request) {
            this.request = request;
        }

        KeycloakContext model() {
            return (KeycloakContext) Proxy.newProxyInstance(KeycloakContext.class.getClassLoader(), new Class<?>[]{KeycloakContext.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getHttpRequest" -> request;
                        case "setHttpRequest" -> {
                            request = (HttpRequest) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException("the replay now uses KeycloakContext." + method.getName());
                    });
        }
    }

    private static KeycloakSession session(Context context) {
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(), new Class<?>[]{KeycloakSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getContext")) {
                        return context.model();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A GET from a browser page: only what the replay passes through (Keycloak's is Quarkus' Vert.x request). */
    private static HttpRequest realRequest() {
        HttpHeaders headers = (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[]{HttpHeaders.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderString" -> "Origin".equalsIgnoreCase((String) args[0]) ? "https://app.example" : null;
                    case "getRequestHeader" -> "Origin".equalsIgnoreCase((String) args[0]) ? List.of("https://app.example") : List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (HttpRequest) Proxy.newProxyInstance(HttpRequest.class.getClassLoader(), new Class<?>[]{HttpRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHttpHeaders" -> headers;
                    case "getHttpMethod" -> "GET";
                    case "getDecodedFormParameters" -> new MultivaluedHashMap<String, String>();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
