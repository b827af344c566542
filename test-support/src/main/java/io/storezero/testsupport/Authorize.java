package io.storezero.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** An authorization request URL, built parameter by parameter like a client library would. */
public final class Authorize {

    private final String endpoint;
    private final Map<String, String> params = new LinkedHashMap<>();

    private Authorize(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The realm's standard authorization endpoint. */
    public static Authorize at(String keycloakUrl, String realm) {
        return new Authorize(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/auth");
    }

    public static Authorize atEndpoint(String endpoint) {
        return new Authorize(endpoint);
    }

    public Authorize param(String name, String value) {
        params.put(name, value);
        return this;
    }

    public Authorize without(String name) {
        params.remove(name);
        return this;
    }

    public Authorize client(String clientId, String redirectUri) {
        return param("client_id", clientId).param("redirect_uri", redirectUri);
    }

    /** Silent implicit, as auth0.js checkSession sends it. */
    public Authorize silentImplicit(String state, String nonce) {
        return param("response_type", "id_token token").param("scope", "openid profile email")
                .param("response_mode", "web_message").param("prompt", "none").param("state", state).param("nonce", nonce);
    }

    /** Silent code + PKCE, as auth0-spa-js getTokenSilently sends it. */
    public Authorize silentCode(String state, String nonce, Pkce pkce) {
        return param("response_type", "code").param("scope", "openid profile email")
                .param("response_mode", "web_message").param("prompt", "none").param("state", state).param("nonce", nonce)
                .param("code_challenge", pkce.challenge()).param("code_challenge_method", "S256");
    }

    public String url() {
        return endpoint + "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    /** {@code application/x-www-form-urlencoded}, for the token and login requests the tests make by hand. */
    public static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 7636 verifier and S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
