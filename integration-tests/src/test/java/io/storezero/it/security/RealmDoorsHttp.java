package io.storezero.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.storezero.testsupport.Authorize;

/**
 * The unauthenticated caller the doors are tried with: plain HTTP requests, redirects never followed (a redirect
 * carrying a code is what the test looks for), and a cookie jar that is emptied before every attempt.
 */
final class RealmDoorsHttp {

    /** A token in a response body or a redirect: what an open door hands out. */
    private static final Pattern TOKEN = Pattern.compile("\"(access_token|id_token|refresh_token)\"\\s*:\\s*\"[^\"]");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new LocalhostCookies(cookies))
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> get(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET());
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Authorize.formEncode(form))));
    }

    /** The {@code Cookie} header this jar sends to {@code url}, as a browser would: for a raw request with the same session. */
    String cookieHeader(String url) {
        try {
            return String.join("; ", new LocalhostCookies(cookies).get(URI.create(url), Map.of()).getOrDefault("Cookie", List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean hasToken(String body) {
        return body != null && TOKEN.matcher(body).find();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keycloak marks its cookies Secure. Browsers treat http://localhost as a secure context and send them; java.net's
     * CookieManager only sends Secure cookies over https, so it is asked as if the request were https.
     */
    private static final class LocalhostCookies extends CookieHandler {

        private final CookieManager manager;

        LocalhostCookies(CookieManager manager) {
            this.manager = manager;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return manager.get(asSecure(uri), requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            manager.put(asSecure(uri), responseHeaders);
        }

        private static URI asSecure(URI uri) {
            if (!"http".equals(uri.getScheme()) || !"localhost".equals(uri.getHost())) {
                return uri;
            }
            return URI.create("https" + uri.toString().substring("http".length()));
        }
    }
}
