package io.storezero.keycloak.auth0;

import java.io.InputStream;
import java.util.function.Supplier;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakFormPost;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * What {@code /auth0/oauth/token} runs: Keycloak's token endpoint. Grants, client authentication, PKCE, CORS on the answer
 * (only the client's Web Origins) and error bodies ({@code {"error": ..., "error_description": ...}}, which is what
 * both SDKs parse) are Keycloak's. Added: the preflight admits the {@code Auth0-Client} header every SDK token
 * request carries, and a JSON body ({@code useFormData: false} in auth0-spa-js) is read as the equivalent form
 * ({@link JsonTokenForm}: same size limit, duplicates refused).
 *
 * <p>Requests Keycloak never sees are answered here in Keycloak's error shape: a JSON body it refuses (400, 413) and a
 * body of another media type (415; JAX-RS' own answer to an unmatched type became a 500 with a stack trace id).
 *
 * <p>Keycloak coupling: none of its own; the grant is Keycloak's token endpoint
 * ({@code KeycloakOidcEndpoints.grant()}), a JSON body reaches it through the one request replay
 * ({@link KeycloakFormPost}).
 */
final class Auth0TokenRequests {

    private static final Logger LOG = Logger.getLogger(Auth0TokenRequests.class);

    static final String ACCEPTED_TYPES = "The token endpoint accepts " + MediaType.APPLICATION_FORM_URLENCODED + " or " + MediaType.APPLICATION_JSON;

    private final KeycloakSession session;
    /** Creates Keycloak's token endpoint on the current request and runs the grant. */
    private final Supplier<Response> keycloakGrant;

    Auth0TokenRequests(KeycloakSession session, Supplier<Response> keycloakGrant) {
        this.session = session;
        this.keycloakGrant = keycloakGrant;
    }

    Response form() {
        // JAX-RS hands a body without a Content-Type to the form method; it is not a form, whatever it holds.
        if (session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            return unsupportedMediaType();
        }
        return keycloakGrant.get();
    }

    Response json(InputStream body) {
        MultivaluedMap<String, String> form;
        try {
            form = JsonTokenForm.read(body);
        } catch (JsonTokenForm.Refused refused) {
            LOG.debugf("JSON token request refused (%d): %s", refused.status(), refused.getMessage());
            return error(refused.status(), refused.error(), refused.getMessage());
        }
        return KeycloakFormPost.replay(session, form, keycloakGrant);
    }

    Response unsupportedMediaType() {
        return error(Response.Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode(), "invalid_request", ACCEPTED_TYPES);
    }

    /**
     * An OAuth error as Keycloak's token endpoint answers it: JSON, not cached, and readable by the calling page when
     * its origin is a Web Origin of a client of the realm. The client is not known yet (the body was not read, or not
     * trusted), so the rule is the preflight's ({@link Auth0Cors#isWebOriginOfAClient}): the SDK sees the error instead
     * of a CORS failure, and other origins learn nothing.
     */
    private Response error(int status, String error, String description) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore())
                .entity(new OAuth2ErrorRepresentation(error, description));
        String origin = session.getContext().getRequestHeaders().getHeaderString(Auth0Cors.ORIGIN);
        if (origin != null) {
            response.header(HttpHeaders.VARY, Auth0Cors.ORIGIN);
            if (Auth0Cors.isWebOriginOfAClient(session, origin)) {
                response.header(Auth0Cors.ALLOW_ORIGIN, origin).header(Auth0Cors.ALLOW_CREDENTIALS, "true");
            }
        }
        return response.build();
    }

    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
