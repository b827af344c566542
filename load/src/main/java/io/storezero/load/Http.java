package io.storezero.load;

import java.net.http.HttpClient;
import java.time.Duration;

/** The one HTTP client configuration of the generator. */
public final class Http {

    private Http() {
    }

    /**
     * HTTP/1.1 and no redirects followed: Java's client would otherwise offer h2c (see runner/haproxy.cfg.tpl) and a
     * silent authentication's answer is the redirect itself (fragment) or a page (web_message), never what follows.
     */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
