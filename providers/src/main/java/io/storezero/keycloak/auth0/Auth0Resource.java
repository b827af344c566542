package io.storezero.keycloak.auth0;

import java.io.InputStream;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakOidcEndpoints;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

/**
 * The Auth0-shaped paths under {@code /realms/{realm}/auth0}. Nothing here speaks OAuth itself: the paths hand the
 * request to the realm's {@code openid-connect} protocol endpoint, the very objects that serve
 * {@code /realms/{realm}/protocol/openid-connect/...} (with this bundle, web_message included); {@code /v2/logout}
 * drives Keycloak's browser logout directly ({@link Auth0Logout}).
 *
 * <p>Every resource method carries an explicit {@code @Path}: a method without one answered 405 under a realm resource.
 */
public final class Auth0Resource {

    private final KeycloakSession session;
    private final EventBuilder event;

    Auth0Resource(KeycloakSession session) {
        this.session = session;
        this.event = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection());
    }

    /** Everything Keycloak's authorization endpoint does, web_message included; Auth0-only parameters are ignored or read by the Connection Redirector. */
    @Path(Auth0ResourceProviderFactory.AUTHORIZE)
    public Object authorize() {
        return KeycloakOidcEndpoints.of(session, event).authorization();
    }

    /** Keycloak's token endpoint. */
    @POST
    @Path(Auth0ResourceProviderFactory.TOKEN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token() {
        return tokens().form();
    }

    /**
     * Keycloak's token endpoint, for SDKs configured to send JSON ({@code useFormData: false}). The body is taken as a
     * stream and read with bounds ({@link JsonTokenForm}): a {@code Map} parameter let JAX-RS parse any size, and keep
     * the last of duplicated keys.
     */
    @POST
    @Path(Auth0ResourceProviderFactory.TOKEN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tokenFromJson(InputStream body) {
        return tokens().json(body);
    }

    /** Any other media type: 415 with an OAuth error. Without this method JAX-RS' unmatched type became a 500. */
    @POST
    @Path(Auth0ResourceProviderFactory.TOKEN)
    @Consumes(MediaType.WILDCARD)
    public Response tokenFromOtherMediaType() {
        return tokens().unsupportedMediaType();
    }

    /** Admits the {@code Auth0-Client} header, for Web Origins of the realm's clients only. */
    @OPTIONS
    @Path(Auth0ResourceProviderFactory.TOKEN)
    public Response tokenPreflight() {
        return Auth0Cors.preflight(session, List.of("POST", "OPTIONS"));
    }

    private Auth0TokenRequests tokens() {
        return new Auth0TokenRequests(session, () -> KeycloakOidcEndpoints.of(session, event).grant());
    }

    @Path(Auth0ResourceProviderFactory.USERINFO)
    public Object userinfo() {
        return KeycloakOidcEndpoints.of(session, event).userinfo();
    }

    /** Ends the browser's Keycloak session at once, as Auth0 does; {@code returnTo} only if registered for the client. */
    @GET
    @Path(Auth0ResourceProviderFactory.LOGOUT)
    public Response logout(@QueryParam(OAuth2Constants.CLIENT_ID) String clientId, @QueryParam("returnTo") String returnTo) {
        return new Auth0Logout(session, event).logout(clientId, returnTo);
    }

    @GET
    @Path(Auth0ResourceProviderFactory.DISCOVERY)
    @Produces(MediaType.APPLICATION_JSON)
    public Response discovery() {
        return Auth0Discovery.response(session);
    }

    @GET
    @Path(Auth0ResourceProviderFactory.JWKS)
    public Response jwks() {
        return KeycloakOidcEndpoints.of(session, event).certs();
    }

    @OPTIONS
    @Path(Auth0ResourceProviderFactory.JWKS)
    public Response jwksPreflight() {
        return KeycloakOidcEndpoints.of(session, event).certsPreflight();
    }
}
