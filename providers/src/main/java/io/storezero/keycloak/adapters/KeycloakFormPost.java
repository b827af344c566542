package io.storezero.keycloak.adapters;

import java.util.function.Supplier;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;

/**
 * The one request replay of the bundle: runs a Keycloak endpoint on the current request seen as a form POST of the
 * given parameters ({@link FormPostRequest}), and restores the real request afterwards, whatever happens.
 *
 * <p>Keycloak behaviour relied on: its endpoints read the request from {@link KeycloakContext#getHttpRequest()} when
 * they are <em>created</em> ({@code AuthorizationEndpointBase} and {@code TokenEndpoint} keep it in a field), and
 * {@code AuthorizationEndpoint.buildPost()} / {@code TokenEndpoint.processGrantRequest()} read their parameters from
 * it. So the endpoint must be created inside {@code call}, never before. {@code KeycloakFormPostTest} pins both.
 */
public final class KeycloakFormPost {

    private KeycloakFormPost() {
    }

    /**
     * @param form the parameters Keycloak's endpoint sees as the decoded form
     * @param call creates Keycloak's endpoint and runs it; it sees the replayed request
     */
    public static <T> T replay(KeycloakSession session, MultivaluedMap<String, String> form, Supplier<T> call) {
        KeycloakContext context = session.getContext();
        HttpRequest original = context.getHttpRequest();
        context.setHttpRequest(new FormPostRequest(original, form));
        try {
            return call.get();
        } finally {
            context.setHttpRequest(original);
        }
    }
}
