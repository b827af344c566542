package io.storezero.keycloak.auth0;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.http.FormPostRequest;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.endpoints.TokenEndpoint;

/**
 * What {@code /auth0/oauth/token} runs: Keycloak's token endpoint. Grants, client authentication, PKCE, CORS on the answer
 * (only the client's Web Origins) and error bodies ({@code {"error": ..., "error_description": ...}}, which is what
 * both SDKs parse) are Keycloak's. Added: the preflight admits the {@code Auth0-Client} header every SDK token
 * request carries, and a JSON body ({@code useFormData: false} in auth0-spa-js) is read as the equivalent form.
 *
 * <p>Keycloak coupling: {@link TokenEndpoint#processGrantRequest()} reading the form from the {@code HttpRequest} the
 * endpoint is created with.
 */
final class Auth0TokenRequests {

    private final KeycloakSession session;
    private final Supplier<TokenEndpoint> keycloakEndpoint;

    Auth0TokenRequests(KeycloakSession session, Supplier<TokenEndpoint> keycloakEndpoint) {
        this.session = session;
        this.keycloakEndpoint = keycloakEndpoint;
    }

    Response form() {
        return keycloakEndpoint.get().processGrantRequest();
    }

    Response json(Map<String, Object> body) {
        HttpRequest original = session.getContext().getHttpRequest();
        session.getContext().setHttpRequest(new FormPostRequest(original, asForm(body)));
        try {
            return keycloakEndpoint.get().processGrantRequest();
        } finally {
            session.getContext().setHttpRequest(original);
        }
    }

    /** Strings, numbers and booleans become form values; nested objects and arrays are not token-request parameters. */
    static MultivaluedMap<String, String> asForm(Map<String, Object> body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body != null) {
            body.forEach((name, value) -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    form.putSingle(name, value.toString());
                }
            });
        }
        return form;
    }
}
