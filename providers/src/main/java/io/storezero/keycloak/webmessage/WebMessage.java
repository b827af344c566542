package io.storezero.keycloak.webmessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.models.ClientModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The names the web_message response mode is made of: the {@code response_mode} value, the relay
 * parameters we refuse, the client attribute that switches the mode off, and the auth-session note
 * that remembers, across requests and cluster nodes, that a login must end in a web message.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/draft-sakimura-oauth-wmrm-00">OAuth 2.0 Web Message Response Mode</a>
 */
public final class WebMessage {

    public static final String RESPONSE_MODE = "web_message";

    /** The OAuth request parameter that names the response mode. */
    public static final String RESPONSE_MODE_PARAM = "response_mode";

    /** Relay mode of the draft: rarely used, and a second hop we would have to validate. Refused. */
    public static final List<String> RELAY_PARAMS = List.of("web_message_uri", "web_message_target");

    /**
     * Request objects and pushed authorization requests: each carries its own {@code redirect_uri}, which Keycloak
     * prefers over the query's. Refused, so that the message only goes where the checked query said.
     */
    public static final List<String> REQUEST_OBJECT_PARAMS = List.of("request", "request_uri");

    /** The error page text when a redirect URI's origin is not one of the client's Web Origins. */
    public static final String NOT_A_WEB_ORIGIN_MESSAGE = "web_message is only answered to an origin listed in the client's Web Origins.";

    /**
     * Client attribute; {@code "false"} switches web_message off for that client. Any other value, or none,
     * leaves it on: the mode only ever posts to an origin that is already one of the client's Web Origins.
     */
    public static final String CLIENT_ENABLED_ATTRIBUTE = "storezero.web_message.enabled";

    /** Auth-session client note: the login started with response_mode=web_message. Replicated like every note. */
    static final String AUTH_SESSION_NOTE = "storezero.response_mode";

    private WebMessage() {
    }

    public static boolean isRequested(MultivaluedMap<String, String> params) {
        return RESPONSE_MODE.equals(params.getFirst(RESPONSE_MODE_PARAM));
    }

    public static boolean isEnabledFor(ClientModel client) {
        return !"false".equalsIgnoreCase(client.getAttribute(CLIENT_ENABLED_ATTRIBUTE));
    }

    /**
     * Why this mode refuses the request with {@code invalid_request} (relay parameters, a request object), or empty
     * when it does not.
     */
    public static Optional<String> unsupported(MultivaluedMap<String, String> params) {
        if (RELAY_PARAMS.stream().anyMatch(params::containsKey)) {
            return Optional.of("Relay mode (web_message_uri, web_message_target) is not supported");
        }
        if (REQUEST_OBJECT_PARAMS.stream().anyMatch(params::containsKey)) {
            return Optional.of("Request objects (request, request_uri, pushed authorization requests) are not supported with response_mode=web_message");
        }
        return Optional.empty();
    }

    /**
     * The mode's fixed policy, as an admin sees it under the protocol's Provider info: what is refused, where a
     * message may go, and the headers of the page. Nothing here is configurable but the per-client switch.
     */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("response-mode", RESPONSE_MODE);
        settings.put("client-switch", CLIENT_ENABLED_ATTRIBUTE + "=false turns the mode off for a client; on otherwise");
        settings.put("refused-parameters", String.join(", ", RELAY_PARAMS) + ", " + String.join(", ", REQUEST_OBJECT_PARAMS));
        settings.put("target-origin", "the redirect URI's origin, only when listed by name in the client's Web Origins ('+' counts, '*' does not)");
        settings.put("page-content-security-policy", "default-src 'none'; script-src '<sha256 of the script>'; frame-ancestors <target origin>;"
                + " base-uri 'none'; form-action 'none'");
        settings.put("page-headers", "Cache-Control: no-store, Referrer-Policy: no-referrer, X-Content-Type-Options: nosniff, and the realm's "
                + String.join(", ", WebMessageResponses.REALM_HEADERS.stream().map(header -> header.getHeaderName()).toList()));
        return settings;
    }

    public static void markRequested(AuthenticationSessionModel authSession) {
        authSession.setClientNote(AUTH_SESSION_NOTE, RESPONSE_MODE);
    }

    public static boolean isRequested(AuthenticationSessionModel authSession) {
        return authSession != null && RESPONSE_MODE.equals(authSession.getClientNote(AUTH_SESSION_NOTE));
    }
}
