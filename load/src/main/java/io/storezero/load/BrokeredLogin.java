package io.storezero.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A user's login over plain HTTP, the way the SPA's full-page login goes with the shipped realms: the storezero sign-in
 * page, its "Continue with Facebook" link (the broker), the simulated Facebook realm's password form, and the
 * redirects back until the SPA's redirect URI is reached with a code. What is left is a browser's cookie jar with a
 * Keycloak session in it: the {@link Session} silent authentication renews. The code itself is not exchanged: the
 * session exists once Keycloak sends the browser back with it.
 */
public final class BrokeredLogin {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 20;

    private final HttpClient http;
    private final SilentAuthentication spa;
    private final String broker;

    /** @param broker the identity provider's alias on the storezero sign-in page ("facebook") */
    public BrokeredLogin(HttpClient http, SilentAuthentication spa, String broker) {
        this.http = http;
        this.spa = spa;
        this.broker = broker;
    }

    /** Logs {@code username} in; fails with the URL and status of the first page that is not the expected one. */
    public Session logIn(String username, String password) {
        Session session = new Session(username);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", spa.clientId());
        params.put("redirect_uri", spa.redirectUri());
        params.put("response_type", "code");
        params.put("scope", "openid profile email");
        params.put("state", SilentAuthentication.random());
        params.put("nonce", SilentAuthentication.random());
        params.put("code_challenge", SilentAuthentication.s256(SilentAuthentication.random()));
        params.put("code_challenge_method", "S256");
        URI start = URI.create(spa.baseUrl() + "/realms/" + spa.realm() + "/protocol/openid-connect/auth?"
                + SilentAuthentication.formEncode(params));

        Page signIn = follow(session, get(session, start));
        Element link = signIn.document().getElementById("social-" + broker);
        if (link == null) {
            throw unexpected(signIn, "the sign-in page with a social-" + broker + " link");
        }
        Page provider = follow(session, get(session, signIn.uri().resolve(link.attr("href"))));
        Element passwordField = provider.document().getElementById("password");
        Element form = passwordField == null ? null : passwordField.closest("form");
        if (form == null) {
            throw unexpected(provider, "the " + broker + " realm's password form");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        fields.put("username", username);
        fields.put("password", password);
        URI action = provider.uri().resolve(form.attr("action"));
        HttpRequest post = session.withCookies(action, HttpRequest.newBuilder(action).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SilentAuthentication.formEncode(fields)))).build();
        Page back = follow(session, exchange(session, post));
        if (!back.uri().toString().startsWith(spa.redirectUri()) || !back.uri().getRawQuery().contains("code=")) {
            throw unexpected(back, "the redirect back to " + spa.redirectUri() + " with a code");
        }
        return session;
    }

    /** A response, where it came from, and (for a page) its document. */
    private record Page(URI uri, int status, Document document) {
    }

    private HttpResponse<String> get(Session session, URI uri) {
        return exchange(session, session.withCookies(uri, HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()).build());
    }

    private HttpResponse<String> exchange(Session session, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            session.remember(request.uri(), response.headers());
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("login of " + session.username() + ": " + request.method() + " "
                    + request.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Redirects followed as a browser follows them, up to the first page, or up to the SPA's redirect URI (which is
     * the app's, not Keycloak's: it is never requested).
     */
    private Page follow(Session session, HttpResponse<String> response) {
        for (int hops = 0; ; hops++) {
            URI uri = response.request().uri();
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                Page page = new Page(uri, status, Jsoup.parse(response.body(), uri.toString()));
                if (status != 200) {
                    throw unexpected(page, "a page (200)");
                }
                return page;
            }
            URI next = uri.resolve(response.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("a " + status + " without Location from " + uri.getPath())));
            if (next.toString().startsWith(spa.redirectUri())) {
                return new Page(next, status, null);
            }
            if (hops == MAX_REDIRECTS) {
                throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects, the last to " + next.getPath());
            }
            response = get(session, next);
        }
    }

    private static IllegalStateException unexpected(Page page, String expected) {
        // The path, not the whole URL: a query may carry a code or a session's tab id.
        String title = page.document() == null ? "" : " titled '" + page.document().title() + "'";
        String error = page.document() == null ? "" : page.document().select("#input-error, .kc-feedback-text, .alert-error, #kc-error-message")
                .text();
        return new IllegalStateException("expected " + expected + ", got status " + page.status() + " from "
                + page.uri().getScheme() + "://" + page.uri().getAuthority() + page.uri().getPath() + title
                + (error.isBlank() ? "" : " saying '" + error + "'"));
    }
}
