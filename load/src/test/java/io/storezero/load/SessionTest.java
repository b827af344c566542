package io.storezero.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SessionTest {

    private static HttpHeaders setCookie(String value) {
        return HttpHeaders.of(Map.of("Set-Cookie", List.of(value)), (a, b) -> true);
    }

    private static List<String> cookiesFor(Session session, String url) {
        URI uri = URI.create(url);
        return session.withCookies(uri, HttpRequest.newBuilder(uri)).build().headers().allValues("Cookie");
    }

    @Test
    void keycloaksSecureCookiesGoBackToLoopbackOverHttpAsABrowserSendsThem() {
        Session session = new Session("u");
        session.remember(URI.create("http://localhost:48080/realms/storezero/protocol/openid-connect/auth"),
                setCookie("AUTH_SESSION_ID=abc; Path=/realms/storezero/; SameSite=None; Secure; HttpOnly"));
        assertThat(cookiesFor(session, "http://localhost:48080/realms/storezero/broker/facebook/login")).hasSize(1);
        assertThat(cookiesFor(session, "http://localhost:48080/realms/facebook/")).as("another path").isEmpty();
    }

    @Test
    void onlyLoopbackIsTreatedAsSecure() {
        assertThat(Session.asBrowserSees(URI.create("http://example.org/x"))).isEqualTo(URI.create("http://example.org/x"));
        assertThat(Session.asBrowserSees(URI.create("http://127.0.0.1:1/x?y"))).isEqualTo(URI.create("https://127.0.0.1:1/x?y"));
    }
}
