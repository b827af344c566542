package io.storezero.keycloak.storageaccess;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakDiscovery;
import io.storezero.keycloak.adapters.KeycloakErrorPages;
import io.storezero.keycloak.adapters.KeycloakSecurityHeaders;
import io.storezero.keycloak.adapters.KeycloakWebOrigins;
import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.WebMessageResponses;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/storage-access/frame}: the Storage Access frame ({@link StorageAccessPage}) for one client and
 * one embedding origin. The origin must be listed by name among the client's Web Origins, by the same rule web_message
 * uses ({@link KeycloakWebOrigins.Rule#NAMED_ORIGIN}), because the frame ends in a web message to that origin; any
 * refusal is Keycloak's own error page, which keeps Keycloak's {@code frame-ancestors 'self'}: an embedder that is not
 * a Web Origin sees nothing but a blocked frame. A client whose switch ({@link StorageAccess#CLIENT_ENABLED_ATTRIBUTE})
 * or web_message switch is off is refused like an unknown client.
 */
public final class StorageAccessResource {

    /** Shown when the embedding origin is not one of the client's Web Origins. */
    static final String NOT_A_WEB_ORIGIN_MESSAGE = "Storage access is only offered to an origin listed in the client's Web Origins.";

    private final KeycloakSession session;

    StorageAccessResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path(StorageAccessResourceProviderFactory.FRAME)
    public Response frame() {
        StorageAccessRequest.Result parsed = StorageAccessRequest.parse(session.getContext().getUri().getQueryParameters());
        if (parsed.request().isEmpty()) {
            return refuse(KeycloakErrorPages.INVALID_PARAMETER, parsed.invalidParameter());
        }
        StorageAccessRequest request = parsed.request().get();
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = realm.getClientByClientId(request.clientId());
        if (client == null || !client.isEnabled() || !WebMessage.isEnabledFor(client) || !StorageAccess.isEnabledFor(client)) {
            return refuse(KeycloakErrorPages.INVALID_PARAMETER, StorageAccessRequest.CLIENT_ID);
        }
        if (!KeycloakWebOrigins.isWebOriginOf(session, client, request.origin(), KeycloakWebOrigins.Rule.NAMED_ORIGIN)) {
            return refuse(NOT_A_WEB_ORIGIN_MESSAGE);
        }
        StorageAccessPage page = StorageAccessPage.render(request.origin(), authorizeUrl(KeycloakDiscovery.realmIssuer(session), request));

        // Keycloak's filter would write frame-ancestors 'self' and X-Frame-Options over ours: the page sets them all,
        // the realm's HSTS and X-Robots-Tag included, as the web_message page does.
        KeycloakSecurityHeaders.skipFor(session);
        Response.ResponseBuilder builder = Response.ok(page.html(), "text/html; charset=utf-8");
        WebMessageResponses.realmHeaders(realm).forEach(builder::header);
        return builder
                .header("Content-Security-Policy", page.contentSecurityPolicy())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * The realm's standard authorization endpoint (with this bundle it speaks web_message), query encoded by hand:
     * a URI builder would read braces in {@code state} as templates.
     */
    static String authorizeUrl(String issuer, StorageAccessRequest request) {
        StringBuilder url = new StringBuilder(issuer).append("/protocol/openid-connect/auth");
        char separator = '?';
        for (Map.Entry<String, String> param : request.authorizeParams().entrySet()) {
            url.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }

    private Response refuse(String message, Object... parameters) {
        return KeycloakErrorPages.page(session, null, Response.Status.BAD_REQUEST, message, parameters);
    }
}
