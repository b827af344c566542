package io.storezero.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each check the suites rely on, one wrong claim at a time, on tokens signed here with a key the verifier is given. */
class TokenVerifierTest {

    private static final String ISSUER = "http://localhost:8080/realms/test";
    private static final String CLIENT = "spa";

    private static RSAKey key;
    private static RSAKey otherKey;
    private static TokenVerifier verifier;

    @BeforeAll
    static void keys() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        verifier = new TokenVerifier(ISSUER, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    }

    @Test
    void acceptsTheTokensOfTheIssuerForTheClient() throws Exception {
        assertThat(verifier.idToken(idToken(c -> { }), CLIENT, "n-1").getSubject()).isEqualTo("user-1");
        assertThat(verifier.idToken(idToken(c -> { }), CLIENT).getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(verifier.accessToken(accessToken(c -> { }), CLIENT).getStringClaim("azp")).isEqualTo(CLIENT);
        assertThat(verifier.token(accessToken(c -> { })).getIssuer()).isEqualTo(ISSUER);
    }

    @Test
    void rejectsAnotherSignerAnotherIssuerAndAnExpiredToken() throws Exception {
        String forged = sign(otherKey, claims(c -> { }).audience(CLIENT).build());
        assertRejected(() -> verifier.token(forged));
        assertRejected(() -> verifier.idToken(forged, CLIENT, "n-1"));
        assertRejected(() -> verifier.token(accessToken(c -> c.issuer("http://localhost:8080/realms/other"))));
        assertRejected(() -> verifier.token(accessToken(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600))))));
        assertRejected(() -> verifier.token("not.a.jwt"));
    }

    @Test
    void rejectsAnIdTokenForAnotherClientOrWithAnotherNonce() throws Exception {
        assertRejected(() -> verifier.idToken(idToken(c -> c.audience("other")), CLIENT, "n-1"));
        assertRejected(() -> verifier.idToken(idToken(c -> c.audience("other")), CLIENT));
        assertRejected(() -> verifier.idToken(idToken(c -> { }), CLIENT, "n-2"));
        assertRejected(() -> verifier.idToken(idToken(c -> c.claim("nonce", null)), CLIENT));
    }

    @Test
    void rejectsAnAccessTokenIssuedToAnotherClient() throws Exception {
        assertRejected(() -> verifier.accessToken(accessToken(c -> c.claim("azp", "other")), CLIENT));
        assertRejected(() -> verifier.accessToken(accessToken(c -> c.subject(null)), CLIENT));
    }

    /** The realm's keys come from {@code <issuer>/protocol/openid-connect/certs}, as Keycloak publishes them. */
    @Test
    void fetchesARealmsKeysFromItsJwksUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/realms/test/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        try {
            String issuer = "http://localhost:" + server.getAddress().getPort() + "/realms/test";
            TokenVerifier realm = TokenVerifier.realm(issuer, null, Duration.ofSeconds(5));

            assertThat(realm.accessToken(sign(key, claims(c -> c.issuer(issuer).claim("azp", CLIENT)).build()), CLIENT).getSubject()).isEqualTo("user-1");
            assertRejected(() -> realm.accessToken(accessToken(c -> { }), CLIENT));
        } finally {
            server.stop(0);
        }
    }

    private interface Verification {
        void run() throws Exception;
    }

    private static void assertRejected(Verification verification) {
        assertThatThrownBy(verification::run).isInstanceOf(AssertionError.class).hasMessageStartingWith("token rejected: ");
    }

    private static String idToken(Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet.Builder claims = claims(c -> c.audience(CLIENT).claim("nonce", "n-1"));
        change.accept(claims);
        return sign(key, claims.build());
    }

    private static String accessToken(Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet.Builder claims = claims(c -> c.audience("account").claim("azp", CLIENT));
        change.accept(claims);
        return sign(key, claims.build());
    }

    private static JWTClaimsSet.Builder claims(Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("user-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        change.accept(claims);
        return claims;
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }
}
