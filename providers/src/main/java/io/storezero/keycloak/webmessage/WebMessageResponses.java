package io.storezero.keycloak.webmessage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakSecurityHeaders;
import org.keycloak.common.util.KeycloakUriBuilder;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Turns Keycloak's own fragment redirect into the web_message page. Keycloak builds the response exactly
 * as for {@code response_mode=fragment} (tokens, code, state, iss, errors); only the delivery changes.
 */
public final class WebMessageResponses {

    private static final Map<String, String> DEFAULT_DESCRIPTIONS = Map.of(
            "login_required", "Login required",
            "interaction_required", "Interaction required",
            "consent_required", "Consent required");

    /** Parsed once: RESTEasy would parse a media-type string again for every response (seen in profiles). */
    private static final MediaType HTML_UTF8 = MediaType.TEXT_HTML_TYPE.withCharset("utf-8");

    private WebMessageResponses() {
    }

    /**
     * The realm's browser security headers the page carries as Keycloak's own pages do (the realm's value, else
     * Keycloak's default). Not carried: {@code X-Frame-Options} and the realm's CSP (report-only too), which are
     * written for pages that must not be framed; the page has its own CSP. {@code Referrer-Policy} and
     * {@code X-Content-Type-Options} are always the strictest values, whatever the realm says.
     */
    static final List<BrowserSecurityHeaders> REALM_HEADERS = List.of(
            BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY, BrowserSecurityHeaders.X_ROBOTS_TAG);

    /** The page for a response to {@code target}, with the headers it needs and Keycloak's defaults switched off. */
    public static Response page(KeycloakSession session, WebMessageTarget target, Map<String, String> response) {
        WebMessagePage page = WebMessagePage.render(target.origin(), response);
        // Keycloak's filter would otherwise overwrite CSP with frame-ancestors 'self' and add X-Frame-Options;
        // skipping it means the page sets every header itself.
        KeycloakSecurityHeaders.skipFor(session);
        Response.ResponseBuilder builder = Response.ok(page.html(), HTML_UTF8);
        realmHeaders(session.getContext().getRealm()).forEach(builder::header);
        return builder
                .header("Content-Security-Policy", page.contentSecurityPolicy())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * {@link #REALM_HEADERS} by header name, as Keycloak's security-headers filter would set them for {@code realm}: for
     * every page of the bundle that switches that filter off ({@link KeycloakSecurityHeaders#skipFor}).
     */
    public static Map<String, String> realmHeaders(RealmModel realm) {
        Map<String, String> configured = realm == null ? Map.of() : realm.getBrowserSecurityHeaders();
        Map<String, String> headers = new LinkedHashMap<>();
        for (BrowserSecurityHeaders header : REALM_HEADERS) {
            String value = configured.getOrDefault(header.getKey(), header.getDefaultValue());
            if (value != null && !value.isEmpty()) {
                headers.put(header.getHeaderName(), value);
            }
        }
        return headers;
    }

    /**
     * The page for Keycloak's fragment redirect to the validated redirect URI, or empty when {@code redirect}
     * is anything else (a login page, a redirect to an identity provider, an error page).
     *
     * @param state          the {@code state} the client sent, or null: restored verbatim, because Keycloak's
     *                       redirect encoding loses characters outside the Basic Multilingual Plane
     * @param implicitExtras added to a response that carries an access token, where Keycloak's fragment lacks them;
     *                       asked for only then, so a code or error response never computes them
     */
    public static Optional<Response> fromFragmentRedirect(KeycloakSession session, Response redirect, WebMessageTarget target,
                                                          String state, Supplier<Map<String, String>> implicitExtras) {
        return fragmentParams(redirect, target.redirectUri())
                .map(params -> withState(params, state))
                .map(params -> withImplicitExtras(params, implicitExtras))
                .map(WebMessageResponses::describeError)
                .map(params -> page(session, target, params));
    }

    static Map<String, String> withState(Map<String, String> params, String state) {
        if (state == null || !params.containsKey("state")) {
            return params;
        }
        Map<String, String> restored = new LinkedHashMap<>(params);
        restored.put("state", state);
        return restored;
    }

    static Map<String, String> withImplicitExtras(Map<String, String> params, Supplier<Map<String, String>> implicitExtras) {
        if (!params.containsKey("access_token")) {
            return params;
        }
        Map<String, String> extras = implicitExtras.get();
        if (extras.isEmpty()) {
            return params;
        }
        Map<String, String> extended = new LinkedHashMap<>(params);
        extras.forEach(extended::putIfAbsent);
        return extended;
    }

    /**
     * Keycloak sends {@code login_required} and {@code interaction_required} without a description; SDKs show
     * {@code error_description} to developers, so say what happened, as Auth0 does.
     */
    static Map<String, String> describeError(Map<String, String> params) {
        String error = params.get("error");
        String description = error == null || params.containsKey("error_description") ? null : DEFAULT_DESCRIPTIONS.get(error);
        if (description == null) {
            return params;
        }
        Map<String, String> described = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            described.put(name, value);
            if ("error".equals(name)) {
                described.put("error_description", description);
            }
        });
        return described;
    }

    /** The decoded fragment parameters of a 302 to {@code redirectUri}, in their order. */
    static Optional<Map<String, String>> fragmentParams(Response redirect, String redirectUri) {
        if (redirect == null || redirect.getStatus() != 302 || redirect.getLocation() == null) {
            return Optional.empty();
        }
        return fragmentParams(redirect.getLocation().toString(), redirectUri);
    }

    /** The decoded fragment parameters of {@code location} if it is {@code redirectUri} plus a fragment. */
    static Optional<Map<String, String>> fragmentParams(String location, String redirectUri) {
        // Keycloak builds the redirect with KeycloakUriBuilder; build the prefix the same way to compare like with like.
        String expected = KeycloakUriBuilder.fromUri(redirectUri).build().toString() + "#";
        if (!location.startsWith(expected)) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : location.substring(expected.length()).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(name, value);
        }
        return Optional.of(params);
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
