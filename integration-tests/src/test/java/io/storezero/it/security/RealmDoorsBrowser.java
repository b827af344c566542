package io.storezero.it.security;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.storezero.testsupport.Authorize;

/**
 * Drives Keycloak's HTML flows (sign-in, reset credentials, registration) the way a script would, not a browser: GET
 * the start URL, find the form in the page, fill the fields it knows, POST, and repeat while new forms come. The door
 * is open if Keycloak ever redirects with a code or token, sets its SSO session cookie, or puts a token in a page.
 *
 * <p>A page without a form (the storezero sign-in page renders no password field when the realm requires no password)
 * does not close the door: Keycloak's form authenticators still accept a POST, so the action URL is built from the
 * page's own links (session_code, tab_id, client_data) and the flow execution the caller names.
 */
final class RealmDoorsBrowser {

    record Outcome(boolean open, int status, boolean postedWithoutForm, boolean leftRealm) {
    }

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SESSION_LINK = Pattern.compile("(?:href|action)=\"([^\"]*[?&](?:amp;)?session_code=[^\"]*)\"");
    /** A code or token handed to the client in a redirect (not Keycloak's own session_code). */
    private static final Pattern GRANT_IN_URL = Pattern.compile("[?&#](code|access_token|id_token)=");
    private static final int MAX_STEPS = 4;

    private final RealmDoorsHttp http;
    private final String realmUrl;

    RealmDoorsBrowser(RealmDoorsHttp http, String realmUrl) {
        this.http = http;
        this.realmUrl = realmUrl;
    }

    /**
     * @param fields what to type into fields of these names; a null value leaves the field out of the POST
     * @param execution the flow execution to post to when the first page has no form (null: give up there)
     */
    Outcome drive(String startUrl, Map<String, String> fields, String execution) {
        http.forgetCookies();
        Page page = follow(http.get(startUrl));
        String previousForm = null;
        boolean withoutForm = false;
        for (int step = 0; step < MAX_STEPS && !page.open && page.body != null; step++) {
            Matcher form = FORM.matcher(page.body);
            String action;
            Map<String, String> post = new LinkedHashMap<>();
            if (form.find()) {
                action = unescape(attribute(form.group(1), "action"));
                Matcher input = INPUT.matcher(form.group(2));
                StringBuilder names = new StringBuilder(action.replaceAll("\\?.*", ""));
                while (input.find()) {
                    String name = attribute(input.group(1), "name");
                    String type = attribute(input.group(1), "type");
                    if (name == null || "submit".equalsIgnoreCase(type) || "checkbox".equalsIgnoreCase(type)) {
                        continue;
                    }
                    names.append(' ').append(name);
                    if (fields.containsKey(name)) {
                        if (fields.get(name) != null) {
                            post.put(name, fields.get(name));
                        }
                    } else {
                        String value = attribute(input.group(1), "value");
                        post.put(name, value == null ? "" : unescape(value));
                    }
                }
                if (names.toString().equals(previousForm)) {
                    break; // the same form again, with an error: refused
                }
                previousForm = names.toString();
            } else if (step == 0 && execution != null && (action = fallbackAction(page.body, execution)) != null) {
                withoutForm = true;
                fields.forEach((name, value) -> {
                    if (value != null && (name.equals("username") || name.equals("password"))) {
                        post.put(name, value);
                    }
                });
            } else {
                break;
            }
            page = follow(http.postForm(URI.create(page.uri).resolve(action).toString(), post));
        }
        return new Outcome(page.open, page.status, withoutForm, page.body == null && !page.open);
    }

    private record Page(int status, String uri, String body, boolean open) {
    }

    /** Follows redirects inside the realm; stops at one that grants something (open) or leaves the realm (closed). */
    private Page follow(HttpResponse<String> response) {
        for (int hop = 0; hop < 10; hop++) {
            boolean session = response.headers().allValues("Set-Cookie").stream()
                    .anyMatch(c -> c.startsWith("KEYCLOAK_IDENTITY=") && !c.startsWith("KEYCLOAK_IDENTITY=;"));
            if (session || RealmDoorsHttp.hasToken(response.body())) {
                return new Page(response.statusCode(), response.uri().toString(), null, true);
            }
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Page(response.statusCode(), response.uri().toString(), response.body(), false);
            }
            String target = response.uri().resolve(location).toString();
            if (GRANT_IN_URL.matcher(target).find()) {
                return new Page(response.statusCode(), target, null, true);
            }
            if (!target.startsWith(realmUrl + "/")) {
                // Off to an identity provider (another realm or site): what happens there is that provider's door.
                return new Page(response.statusCode(), target, null, false);
            }
            response = http.get(target);
        }
        throw new IllegalStateException("redirect loop at " + response.uri().getPath());
    }

    private String fallbackAction(String body, String execution) {
        Matcher link = SESSION_LINK.matcher(body);
        if (!link.find()) {
            return null;
        }
        String query = URI.create(unescape(link.group(1)).replace(" ", "%20")).getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            if (Map.of("session_code", 1, "tab_id", 1, "client_id", 1, "client_data", 1).containsKey(name) && kv.length == 2) {
                params.put(name, URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        params.put("execution", execution);
        return realmUrl + "/login-actions/authenticate?" + Authorize.formEncode(params);
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#61;", "=").replace("&#x3D;", "=").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }
}
