package io.storezero.load;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * One logged-in user: a browser's cookie jar, nothing else. The requests of every user share one HttpClient (its
 * connections), and carry the user's cookies by hand, so K sessions cost K jars, not K clients.
 */
public final class Session {

    private final String username;
    private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    public Session(String username) {
        this.username = username;
    }

    public String username() {
        return username;
    }

    /** {@code request} with the cookies this user's browser would send to {@code uri}. */
    public HttpRequest.Builder withCookies(URI uri, HttpRequest.Builder request) {
        try {
            for (Map.Entry<String, List<String>> header : jar.get(asBrowserSees(uri), Map.of()).entrySet()) {
                for (String value : header.getValue()) {
                    request.header(header.getKey(), value);
                }
            }
            return request;
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory cookie jar does not fail", e);
        }
    }

    /** The cookies a response set, kept as the browser keeps them. */
    public void remember(URI uri, HttpHeaders headers) {
        try {
            jar.put(uri, headers.map());
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory cookie jar does not fail", e);
        }
    }

    /**
     * Keycloak marks its cookies Secure (they are SameSite=None); a browser sends them to http://localhost anyway,
     * which it treats as a secure context, where Java's jar sends Secure cookies to https only. So a loopback URI is
     * looked up as its https twin: the cookies a browser would send, no more.
     */
    static URI asBrowserSees(URI uri) {
        String host = uri.getHost();
        if (!"http".equals(uri.getScheme()) || !("localhost".equals(host) || "127.0.0.1".equals(host))) {
            return uri;
        }
        return URI.create("https" + uri.toString().substring("http".length()));
    }

    @Override
    public String toString() {
        return "Session[" + username + "]";
    }
}
