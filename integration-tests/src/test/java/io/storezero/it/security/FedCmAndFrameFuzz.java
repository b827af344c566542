package io.storezero.it.security;

import static io.storezero.it.security.EndpointFuzzIT.enc;
import static io.storezero.it.security.EndpointFuzzIT.pick;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import io.storezero.testsupport.Authorize;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * The second pass of {@link EndpointFuzzIT}: FedCM's {@code config.json}, {@code accounts} and {@code assertion}, and the
 * Storage Access frame, in the test realm {@value #REALM}. FedCM is switched on (client attribute
 * {@value #SWITCH}) for the clients {@link #FEDCM_CLIENTS} for the run and switched back afterwards; the realm's user is
 * signed in once over HTTP, and most requests carry that session's cookies, so that every check up to the token is
 * reached. The assertion's form is the browser's: {@code client_id}, {@code account_id}, {@code nonce},
 * {@code disclosure_text_shown} and {@code params} (a JSON text with {@code code_challenge}, {@code code_challenge_method}
 * and {@code redirect_uri}), with {@code Sec-Fetch-Dest: webidentity} and {@code Origin}.
 *
 * <p>What must hold for every answer ({@link #check}): a request whose {@code Origin} is not exactly one Web Origin of a
 * FedCM-enabled client never gets a {@code token} and never a CORS grant for that origin; a grant, when there is one,
 * names the request's own origin; a refusal of the browser's own assertion fetch is FedCM's JSON error.
 */
final class FedCmAndFrameFuzz {

    static final String REALM = "webmessage-it";
    static final String SWITCH = "storezero.fedcm.enabled";
    /** FedCM on for the run: Web Origin {@code APP} each; spa-foreign-origin also redirects to {@code FOREIGN}; spa-consent asks consent. */
    static final List<String> FEDCM_CLIENTS = List.of("spa", "spa-foreign-origin", "spa-consent");
    /** Clients the requests also name: one of the realm without FedCM, one that does not exist. */
    private static final List<String> OTHER_CLIENTS = List.of("spa-web-message-off", "no-such-client");
    private static final String BASE = "/realms/" + REALM;
    private static final String APP = TestPages.APP_ORIGIN;
    private static final String FOREIGN = TestPages.FOREIGN_ORIGIN;
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    /** The Origin values the requests claim: the Web Origin, and what a hostile page or a confused parser might send. */
    private static final List<String> ORIGINS = List.of(APP, APP, APP, FOREIGN, "null", TestPages.HTTPS_ORIGIN, APP + "/",
            "HTTP://LOCALHOST:" + TestPages.APP_PORT, "http://localhost:" + TestPages.APP_PORT + ".127.0.0.1.nip.io",
            APP + "@127.0.0.1:" + TestPages.FOREIGN_PORT, APP + ", " + FOREIGN, APP + " " + FOREIGN, "*", "", APP + "\u0000",
            "http://localhost", "http://localhost:0" + TestPages.APP_PORT, StorezeroServer.KEYCLOAK_URL);
    private static final List<String> FETCH_DESTS = List.of("webidentity", "webidentity", "webidentity", "webidentity", "webidentity",
            "document", "empty", "iframe", "webidentity, empty", " webidentity", "WEBIDENTITY", "webidentity\u0000");
    private static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "P\u00d6ST");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=bogus",
            "application/xml", "application/x-www-form-urlencoded, text/plain", "");

    private static final Map<String, String> SWITCH_BEFORE = new LinkedHashMap<>();
    private static String sessionCookie = "";
    private static String userId = "";

    private FedCmAndFrameFuzz() {
    }

    /** What a known shape is, and what a correct answer to it looks like (null: only the invariants of {@link #check}). */
    record Shape(IntFunction<EndpointFuzzIT.Case> build, EndpointFuzzIT.Expectation expectation) {

        EndpointFuzzIT.Case at(int index) {
            return build.apply(index);
        }
    }

    /** FedCM on for {@link #FEDCM_CLIENTS}; {@link #restore} switches it back. */
    static void switchOn(KeycloakAdmin admin) {
        for (String clientId : FEDCM_CLIENTS) {
            ClientResource client = client(admin, clientId);
            ClientRepresentation representation = client.toRepresentation();
            Map<String, String> attributes = new LinkedHashMap<>(representation.getAttributes() == null ? Map.of() : representation.getAttributes());
            SWITCH_BEFORE.putIfAbsent(clientId, attributes.getOrDefault(SWITCH, ""));
            attributes.put(SWITCH, "true");
            representation.setAttributes(attributes);
            client.update(representation);
        }
    }

    /** The realm's user signed in over HTTP: the session most requests of the pass carry. */
    static void signIn(KeycloakAdmin admin) {
        userId = admin.realm(REALM).users().searchByUsername("alice", true).get(0).getId();
        sessionCookie = logIn("alice", "alice");
    }

    /** FedCM switched back to what each client had before the run. */
    static void restore(KeycloakAdmin admin) {
        SWITCH_BEFORE.forEach((clientId, value) -> {
            ClientResource client = client(admin, clientId);
            ClientRepresentation representation = client.toRepresentation();
            Map<String, String> attributes = new LinkedHashMap<>(representation.getAttributes());
            attributes.put(SWITCH, value);
            representation.setAttributes(attributes);
            client.update(representation);
        });
        SWITCH_BEFORE.clear();
    }

    private static ClientResource client(KeycloakAdmin admin, String clientId) {
        String id = admin.realm(REALM).clients().findByClientId(clientId).get(0).getId();
        return admin.realm(REALM).clients().get(id);
    }

    /** A password login over HTTP, as a browser makes it; answers the Cookie header of the session it leaves. */
    private static String logIn(String username, String password) {
        RealmDoorsHttp http = new RealmDoorsHttp();
        String issuer = StorezeroServer.KEYCLOAK_URL + BASE;
        var page = http.get(Authorize.at(StorezeroServer.KEYCLOAK_URL, REALM).client("spa", APP + "/").param("response_type", "code")
                .param("scope", "openid").param("state", "s").param("code_challenge", CHALLENGE).param("code_challenge_method", "S256").url());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form for " + username + " in " + REALM + " (status " + page.statusCode() + ")");
        }
        var back = http.postForm(action.group(1).replace("&amp;", "&"), Map.of("username", username, "password", password, "credentialId", ""));
        String location = back.headers().firstValue("Location").orElse("");
        if (back.statusCode() != 302 || !location.startsWith(APP + "/")) {
            throw new IllegalStateException("the login of " + username + " in " + REALM + " did not come back to the app (status " + back.statusCode() + ")");
        }
        String cookie = http.cookieHeader(issuer + "/fedcm/accounts");
        if (!cookie.contains("KEYCLOAK_IDENTITY")) {
            throw new IllegalStateException("the login of " + username + " left no identity cookie for " + issuer);
        }
        return cookie;
    }

    /** The origins a FedCM token may go to: the Web Origins of the FedCM-enabled clients. */
    static Set<String> allowedOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        FEDCM_CLIENTS.forEach(id -> origins.addAll(EndpointFuzzIT.WEB_ORIGINS.getOrDefault(REALM + "/" + id, Set.of())));
        return origins;
    }

    // ---- the cases ----

    /** config.json or accounts: a GET (sometimes another method) with the browser's headers, then hostile mutations. */
    static EndpointFuzzIT.Case getCase(int index, EndpointFuzzIT.Endpoint endpoint) {
        String path = BASE + "/fedcm/" + (endpoint == EndpointFuzzIT.Endpoint.FEDCM_CONFIG ? "config.json" : "accounts");
        Map<String, String> params = new LinkedHashMap<>();
        params.put(pick(List.of("client_id", "x", "callback", "origin")), pick(List.of("spa", "1", FOREIGN)));
        EndpointFuzzIT.Case base = EndpointFuzzIT.mutatedGet(index, endpoint, REALM, path, params, List.of());
        List<String> headers = browserHeaders(endpoint == EndpointFuzzIT.Endpoint.FEDCM_ACCOUNTS);
        headers.addAll(base.headers());
        return new EndpointFuzzIT.Case(index, endpoint, REALM, otherMethodSometimes("GET"), base.target(), headers, null, base.clientIds(),
                base.mutation() + headerNote(headers));
    }

    /** The browser's assertion POST, with one or two of its fields, its params, a header or its shape made hostile. */
    static EndpointFuzzIT.Case assertionCase(int index) {
        Map<String, String> fields = assertionFields(pick(concat(FEDCM_CLIENTS, FEDCM_CLIENTS, OTHER_CLIENTS)),
                pick(List.of(APP + "/", APP + "/cb?x=1", FOREIGN + "/", APP + "/")));
        List<String> parts = new ArrayList<>();
        fields.forEach((name, value) -> parts.add(enc(name) + "=" + enc(value)));
        List<String> headers = browserHeaders(true);
        headers.add(0, "Origin: " + pick(ORIGINS));
        String contentType = "application/x-www-form-urlencoded";
        String method = "POST";
        List<String> mutations = new ArrayList<>();
        int count = 1 + EndpointFuzzIT.random().nextInt(2);
        for (int m = 0; m < count; m++) {
            int kind = EndpointFuzzIT.random().nextInt(12);
            int at = EndpointFuzzIT.random().nextInt(parts.size());
            String name = parts.get(at).substring(0, parts.get(at).indexOf('='));
            if (kind <= 3) {
                String value = EndpointFuzzIT.hostileValue(name);
                parts.set(at, name + "=" + value);
                mutations.add(name + "=" + value);
            } else if (kind == 4) {
                String value = pick(List.of(enc(pick(concat(FEDCM_CLIENTS, OTHER_CLIENTS))), enc(userId), EndpointFuzzIT.hostileValue(name)));
                parts.add(EndpointFuzzIT.random().nextInt(parts.size() + 1), name + "=" + value);
                mutations.add("duplicate " + name + "=" + value);
            } else if (kind == 5) {
                mutations.add("without " + parts.remove(at));
            } else if (kind <= 7) {
                String params = hostileParams();
                parts.removeIf(p -> p.startsWith("params="));
                parts.add("params=" + enc(params));
                mutations.add("params " + params);
            } else if (kind == 8) {
                String header = EndpointFuzzIT.hostileHeader();
                headers.add(header);
                mutations.add("header " + header);
            } else if (kind == 9) {
                contentType = pick(CONTENT_TYPES);
                mutations.add("Content-Type " + contentType);
            } else if (kind == 10) {
                method = otherMethodSometimes(pick(METHODS));
                mutations.add("method " + method);
            } else {
                String extra = pick(List.of("response_type", "prompt", "scope", "code", "redirect_uri", "response_mode", "request"));
                String value = EndpointFuzzIT.hostileValue(extra);
                parts.add(extra + "=" + value);
                mutations.add("extra " + extra + "=" + value);
            }
        }
        if (!contentType.isEmpty()) {
            headers.add("Content-Type: " + contentType);
        }
        byte[] body = String.join("&", parts).getBytes(StandardCharsets.UTF_8);
        if (contentType.startsWith("application/json") && EndpointFuzzIT.random().nextBoolean()) {
            body = jsonBody(fields);
            mutations.add("JSON body");
        }
        return new EndpointFuzzIT.Case(index, EndpointFuzzIT.Endpoint.FEDCM_ASSERTION, REALM, method, BASE + "/fedcm/assertion", headers,
                method.equals("GET") || method.equals("HEAD") ? null : body, clientIds(parts), String.join("; ", mutations) + headerNote(headers));
    }

    /** The Storage Access frame as an SPA embeds it, with hostile parameters or headers ({@link EndpointFuzzIT#mutatedGet}). */
    static EndpointFuzzIT.Case frameCase(int index) {
        String client = pick(concat(FEDCM_CLIENTS, OTHER_CLIENTS));
        Map<String, String> params = frameParams(client, pick(List.of(APP, APP, FOREIGN)), pick(List.of(APP + "/", APP + "/cb?x=1", FOREIGN + "/")));
        EndpointFuzzIT.Case base = EndpointFuzzIT.mutatedGet(index, EndpointFuzzIT.Endpoint.SA_FRAME, REALM, BASE + "/storage-access/frame",
                params, List.of(client));
        List<String> headers = new ArrayList<>(base.headers());
        if (EndpointFuzzIT.random().nextInt(3) > 0) {
            headers.add("Cookie: " + sessionCookie);
        }
        if (EndpointFuzzIT.random().nextInt(3) == 0) {
            headers.add("Sec-Fetch-Dest: " + pick(List.of("iframe", "document", "webidentity")));
        }
        return new EndpointFuzzIT.Case(index, EndpointFuzzIT.Endpoint.SA_FRAME, REALM, otherMethodSometimes("GET"), base.target(), headers,
                null, base.clientIds(), base.mutation() + headerNote(headers));
    }

    /** Tried first: controls that prove each path is reached with the session, and refusals the contract names. */
    static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(i -> new EndpointFuzzIT.Case(i, EndpointFuzzIT.Endpoint.FEDCM_CONFIG, REALM, "GET", BASE + "/fedcm/config.json",
                List.of(), null, List.of(), "control: config.json"), new EndpointFuzzIT.Expectation("200 with the id_assertion_endpoint",
                r -> r.status() == 200 && r.body().contains("id_assertion_endpoint"))));
        shapes.add(new Shape(i -> new EndpointFuzzIT.Case(i, EndpointFuzzIT.Endpoint.FEDCM_ACCOUNTS, REALM, "GET", BASE + "/fedcm/accounts",
                browserHeaders(true, true), null, List.of(), "control: accounts with the session"),
                new EndpointFuzzIT.Expectation("200 with the signed-in user's account", r -> r.status() == 200 && r.body().contains(userId))));
        shapes.add(new Shape(i -> assertion(i, "spa", APP, APP + "/", true, "control: the browser's assertion for a Web Origin"),
                new EndpointFuzzIT.Expectation("200 with a token", r -> r.status() == 200 && tokenField(r.body()))));
        for (String origin : List.of(FOREIGN, "null", TestPages.HTTPS_ORIGIN, "http://localhost", APP + "@127.0.0.1:" + TestPages.FOREIGN_PORT)) {
            shapes.add(new Shape(i -> assertion(i, "spa", origin, APP + "/", true, "Origin " + origin), refused()));
        }
        // The Web Origin not serialized as a browser sends it: only the invariants (see check).
        for (String origin : List.of(APP + "/", "HTTP://LOCALHOST:" + TestPages.APP_PORT)) {
            shapes.add(new Shape(i -> assertion(i, "spa", origin, APP + "/", true, "Origin " + origin), null));
        }
        shapes.add(new Shape(i -> assertion(i, "spa-foreign-origin", FOREIGN, FOREIGN + "/", true,
                "Origin and redirect_uri on a registered redirect URI's origin that is no Web Origin"), refused()));
        shapes.add(new Shape(i -> assertion(i, "spa-web-message-off", APP, APP + "/", true, "a client without FedCM"), refused()));
        shapes.add(new Shape(i -> assertion(i, "spa", APP, APP + "/", false, "without Sec-Fetch-Dest"), refused()));
        shapes.add(new Shape(i -> {
            EndpointFuzzIT.Case c = assertion(i, "spa", APP, APP + "/", true, "JSON body");
            List<String> headers = new ArrayList<>(c.headers());
            headers.replaceAll(h -> h.startsWith("Content-Type:") ? "Content-Type: application/json" : h);
            return new EndpointFuzzIT.Case(i, c.endpoint(), REALM, "POST", c.target(), headers,
                    jsonBody(assertionFields("spa", APP + "/")), c.clientIds(), c.mutation());
        }, new EndpointFuzzIT.Expectation("a 4xx without a token", r -> r.status() >= 400 && r.status() < 500 && !tokenField(r.body()))));
        shapes.add(new Shape(i -> new EndpointFuzzIT.Case(i, EndpointFuzzIT.Endpoint.FEDCM_ASSERTION, REALM, "GET", BASE + "/fedcm/assertion?"
                + query(assertionFields("spa", APP + "/")), browserHeaders(true, true), null, List.of("spa"), "GET with the fields in the query"),
                new EndpointFuzzIT.Expectation("a 4xx without a token", r -> r.status() >= 400 && r.status() < 500 && !tokenField(r.body()))));
        shapes.add(new Shape(i -> frame(i, "spa", APP, APP + "/", "control: the frame for a Web Origin"),
                new EndpointFuzzIT.Expectation("200, the frame", r -> r.status() == 200 && r.body().contains("storage-access-continue"))));
        shapes.add(new Shape(i -> frame(i, "spa-foreign-origin", FOREIGN, FOREIGN + "/", "the frame for an origin that is no Web Origin"),
                new EndpointFuzzIT.Expectation("400, Keycloak's error page", r -> r.status() == 400 && !r.body().contains("storage-access-continue"))));
        return shapes;
    }

    private static EndpointFuzzIT.Expectation refused() {
        return new EndpointFuzzIT.Expectation("a 4xx FedCM error without a token",
                r -> r.status() >= 400 && r.status() < 500 && !tokenField(r.body()) && r.body().contains("\"error\""));
    }

    private static EndpointFuzzIT.Case assertion(int index, String client, String origin, String redirectUri, boolean fetchDest, String what) {
        List<String> headers = new ArrayList<>();
        headers.add("Origin: " + origin);
        headers.addAll(browserHeaders(fetchDest, true));
        headers.add("Content-Type: application/x-www-form-urlencoded");
        return new EndpointFuzzIT.Case(index, EndpointFuzzIT.Endpoint.FEDCM_ASSERTION, REALM, "POST", BASE + "/fedcm/assertion", headers,
                query(assertionFields(client, redirectUri)).getBytes(StandardCharsets.UTF_8), List.of(client), what);
    }

    private static EndpointFuzzIT.Case frame(int index, String client, String origin, String redirectUri, String what) {
        return new EndpointFuzzIT.Case(index, EndpointFuzzIT.Endpoint.SA_FRAME, REALM, "GET", BASE + "/storage-access/frame?"
                + query(frameParams(client, origin, redirectUri)), List.of("Cookie: " + sessionCookie), null, List.of(client), what);
    }

    private static Map<String, String> assertionFields(String client, String redirectUri) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", client);
        fields.put("account_id", userId);
        fields.put("nonce", "n-" + Authorize.random());
        fields.put("disclosure_text_shown", pick(List.of("false", "true")));
        fields.put("params", params(CHALLENGE, "S256", redirectUri));
        return fields;
    }

    private static Map<String, String> frameParams(String client, String origin, String redirectUri) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", client);
        params.put("origin", origin);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", pick(List.of("code", "code", "id_token token")));
        params.put("scope", "openid");
        params.put("state", "st");
        params.put("nonce", "n");
        params.put("code_challenge", CHALLENGE);
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static String params(String challenge, String method, String redirectUri) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", method);
        params.put("redirect_uri", redirectUri);
        try {
            return JSON.writeValueAsString(params);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code params} as a page (or a script posing as the browser) might make it hostile. */
    private static String hostileParams() {
        String uri = pick(List.of(FOREIGN + "/", "javascript:alert(1)", "", APP + "@127.0.0.1:" + TestPages.FOREIGN_PORT + "/",
                "//127.0.0.1:" + TestPages.FOREIGN_PORT + "/", APP + "/#x", APP.toUpperCase(Locale.ROOT) + "/"));
        return switch (EndpointFuzzIT.random().nextInt(10)) {
            case 0 -> params(CHALLENGE, "plain", APP + "/");
            case 1 -> params("", "S256", APP + "/");
            case 2 -> params(CHALLENGE, "S256", uri);
            case 3 -> "{\"code_challenge\":\"" + CHALLENGE + "\",\"code_challenge\":\"x\",\"code_challenge_method\":\"S256\",\"redirect_uri\":\"" + APP + "/\"}";
            case 4 -> pick(List.of("[]", "null", "\"x\"", "{", "1", "{\"redirect_uri\":{\"a\":1}}", "{\"code_challenge\":[1,2]}", ""));
            case 5 -> "[".repeat(pick(List.of(100, 5000))) + "]";
            case 6 -> params("A".repeat(pick(List.of(1_000, 70_000))), "S256", APP + "/");
            case 7 -> params(CHALLENGE, "S256", APP + "/" + "<szpwn x>");
            case 8 -> "\uFEFF" + params(CHALLENGE, "S256", APP + "/");
            default -> params(EndpointFuzzIT.decodedHostile(), "S256", APP + "/");
        };
    }

    /** {@code Sec-Fetch-Dest} (mostly the browser's) and the session's cookie (mostly), or neither. */
    private static List<String> browserHeaders(boolean fetchDest) {
        List<String> headers = new ArrayList<>();
        if (fetchDest && EndpointFuzzIT.random().nextInt(10) > 0) {
            headers.add("Sec-Fetch-Dest: " + pick(FETCH_DESTS));
        }
        if (EndpointFuzzIT.random().nextInt(5) > 0) {
            headers.add("Cookie: " + sessionCookie);
        }
        return headers;
    }

    private static List<String> browserHeaders(boolean fetchDest, boolean cookie) {
        List<String> headers = new ArrayList<>();
        if (fetchDest) {
            headers.add("Sec-Fetch-Dest: webidentity");
        }
        if (cookie) {
            headers.add("Cookie: " + sessionCookie);
        }
        return headers;
    }

    private static String otherMethodSometimes(String method) {
        return EndpointFuzzIT.random().nextInt(8) == 0 ? pick(METHODS) : method;
    }

    private static byte[] jsonBody(Map<String, String> fields) {
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String query(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((name, value) -> parts.add(enc(name) + "=" + enc(value)));
        return String.join("&", parts);
    }

    /** The decoded {@code client_id} values of a form: the clients whose Web Origins the case may speak for. */
    private static List<String> clientIds(List<String> parts) {
        List<String> ids = new ArrayList<>();
        for (String part : parts) {
            if (part.startsWith("client_id=")) {
                ids.add(java.net.URLDecoder.decode(part.substring("client_id=".length()).replaceAll("%(?![0-9A-Fa-f]{2})", "%25"), StandardCharsets.UTF_8));
            }
        }
        return ids;
    }

    /** Which headers went along, for the finding's description; the cookie's value is never printed. */
    private static String headerNote(List<String> headers) {
        List<String> names = new ArrayList<>();
        for (String header : headers) {
            names.add(header.startsWith("Cookie: " + sessionCookie) ? "Cookie: (session)" : RawHttp.abbreviate(header));
        }
        return " " + names;
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    // ---- the checks ----

    /**
     * The FedCM invariants for one answer. Answers whether it was a token handed to a Web Origin of a FedCM-enabled
     * client: the endpoint's purpose, so the suite's general "no token in any answer" check does not apply to it.
     */
    static boolean check(EndpointFuzzIT.Case c, RawHttp.Response response, SecurityReport report) {
        List<String> origins = headerValues(c.headers(), "origin");
        // A browser sends the serialized origin; the assertion refuses the same origin written otherwise (upper case, a
        // trailing slash), so such a request is held to the hostile-origin checks below, and counted.
        boolean webOrigin = origins.size() == 1 && allowedOrigins().contains(origins.get(0));
        if (origins.size() == 1 && !webOrigin && allowedOrigins().contains(sameOrigin(origins.get(0)))) {
            report.count("fedcmWebOriginsNotSerialized");
        }
        boolean token = tokenField(response.body());
        List<String> grants = response.headers("access-control-allow-origin");
        if (!webOrigin) {
            if (token) {
                report.finding("fedcmTokensToHostileOrigins", c.describe() + " with Origin " + origins + " answered " + response.status()
                        + " with a token");
            }
            for (String grant : grants) {
                if (origins.contains(grant) || grant.equals("*") || grant.equals("null")) {
                    report.finding("fedcmCorsToHostileOrigins", c.describe() + " granted CORS to " + RawHttp.abbreviate(grant)
                            + " (Origin " + origins + ")");
                }
            }
        } else if (!grants.isEmpty() && !grants.equals(origins)) {
            report.finding("fedcmCorsToHostileOrigins", c.describe() + " with Origin " + origins + " granted CORS to " + grants);
        }
        // An empty 4xx is the HTTP layer's (a control character in a header, an oversized one): the endpoint never ran.
        if (c.endpoint() == EndpointFuzzIT.Endpoint.FEDCM_ASSERTION && isBrowsersAssertionFetch(c) && response.status() >= 400
                && response.status() < 500 && !response.body().isBlank() && !fedCmError(response.body())) {
            report.finding("fedcmRefusalsNotFedCmJson", c.describe() + " refused with " + response.status() + " but not FedCM's"
                    + " {\"error\":{\"code\":...}}: " + RawHttp.abbreviate(response.body()));
        }
        if (webOrigin && token && response.status() == 200) {
            report.count("fedcmTokensToWebOrigins");
            return true;
        }
        return false;
    }

    /** The browser's own assertion POST: one webidentity fetch destination, one origin, a form body the parser takes. */
    private static boolean isBrowsersAssertionFetch(EndpointFuzzIT.Case c) {
        List<String> contentTypes = headerValues(c.headers(), "content-type");
        return c.method().equals("POST") && headerValues(c.headers(), "sec-fetch-dest").equals(List.of("webidentity"))
                && headerValues(c.headers(), "origin").size() == 1 && contentTypes.size() == 1
                && contentTypes.get(0).equals("application/x-www-form-urlencoded") && EndpointFuzzIT.inheritedShape(c).isEmpty()
                && c.headers().stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("host:"));
    }

    /** {@code origin} as the serialized origin it names, for an origin written in upper case or with a trailing slash. */
    static String sameOrigin(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static List<String> headerValues(List<String> headers, String name) {
        List<String> values = new ArrayList<>();
        for (String header : headers) {
            for (String line : header.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
        }
        return values;
    }

    /** A top-level {@code token} member of a JSON object answer. */
    static boolean tokenField(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() && json.has("token");
        } catch (java.io.IOException e) {
            return body.contains("\"token\"");
        }
    }

    private static boolean fedCmError(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.path("error").path("code").isTextual();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
