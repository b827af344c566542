package io.storezero.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The silent authentication an SPA makes in a hidden iframe: {@code GET .../protocol/openid-connect/auth} with
 * {@code prompt=none}, a fresh state and nonce each time, implicit ({@code id_token token}) or code + PKCE, answered by
 * web_message (the bundle's page) or fragment (a redirect). One instance describes the request; {@link #send} makes
 * one with a user's cookies.
 */
public record SilentAuthentication(String baseUrl, String realm, String clientId, String redirectUri,
        ResponseMode mode, Flow flow) {

    public enum ResponseMode {
        WEB_MESSAGE("web_message"), FRAGMENT("fragment");

        final String parameter;

        ResponseMode(String parameter) {
            this.parameter = parameter;
        }
    }

    public enum Flow {
        IMPLICIT, CODE
    }

    /** One request's result; {@code node} is HAProxy's X-Storezero-Node header, or "" when nothing answered. */
    public record Sample(long startNanos, long endNanos, Outcome outcome, String node) {
        public long latencyMicros() {
            return (endNanos - startNanos) / 1000;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The storezero realm's SPA, as the shipped realm registers it. */
    public static SilentAuthentication storezeroSpa(String baseUrl, String appUrl, ResponseMode mode, Flow flow) {
        return new SilentAuthentication(baseUrl, "storezero", "storezero-spa", appUrl.endsWith("/") ? appUrl : appUrl + "/",
                mode, flow);
    }

    /** A new request URI: its own state, nonce (and PKCE challenge), as an SPA makes each one. */
    public URI uri() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", flow == Flow.IMPLICIT ? "id_token token" : "code");
        params.put("scope", "openid profile email");
        params.put("response_mode", mode.parameter);
        params.put("prompt", "none");
        params.put("state", random());
        params.put("nonce", random());
        if (flow == Flow.CODE) {
            params.put("code_challenge", s256(random()));
            params.put("code_challenge_method", "S256");
        }
        return URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/auth?" + formEncode(params));
    }

    /** One silent authentication for {@code session}, its raw answer (for fixtures and diagnosis). */
    public HttpResponse<String> exchange(HttpClient http, Session session) throws IOException, InterruptedException {
        URI uri = uri();
        HttpRequest request = session.withCookies(uri, HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        session.remember(uri, response.headers());
        return response;
    }

    /** One silent authentication for {@code session}; never throws for what the server or the network did. */
    public Sample send(HttpClient http, Session session) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = exchange(http, session);
            long end = System.nanoTime();
            Outcome outcome = mode == ResponseMode.WEB_MESSAGE
                    ? Answers.webMessage(response.statusCode(), response.body())
                    : Answers.fragment(response.statusCode(), response.headers().firstValue("Location"));
            return new Sample(start, end, outcome, response.headers().firstValue("X-Storezero-Node").orElse(""));
        } catch (IOException e) {
            return new Sample(start, System.nanoTime(), Outcome.failure("io=" + e.getClass().getSimpleName()), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(start, System.nanoTime(), Outcome.failure("interrupted"), "");
        }
    }

    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    static String formEncode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }
}
