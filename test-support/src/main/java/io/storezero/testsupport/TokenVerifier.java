package io.storezero.testsupport;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies tokens the way a careful SPA or API does, with Nimbus: the RS256 signature against keys it trusts, then
 * the claims. What it trusts is the caller's to say: an issuer and the keys its tokens must be signed with, either a
 * key source of the caller's or a Keycloak realm's published JWKS fetched over a TLS trust of the caller's (the
 * integration tests trust their run's own certificate and nothing else). The keys are fetched once per verifier and
 * cached, so a verifier kept across tests sends one request to the realm, which matters behind a round-robin balancer.
 *
 * <p>A rejected token fails the test with an {@link AssertionError} that says why.
 */
public final class TokenVerifier {

    /**
     * Longer than Nimbus' default of 500 ms, which a cold Keycloak's first answer on a busy machine can exceed: a slow
     * key fetch is not a rejected token.
     */
    public static final Duration KEYS_TIMEOUT = Duration.ofSeconds(5);

    private final String issuer;
    private final JWKSource<SecurityContext> keys;

    /** Tokens of {@code issuer} signed with one of {@code keys}. */
    public TokenVerifier(String issuer, JWKSource<SecurityContext> keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    /** A Keycloak realm: {@code issuer} ({@code <server>/realms/<realm>}) and its JWKS, under the JVM's TLS trust. */
    public static TokenVerifier realm(String issuer) {
        return realm(issuer, null, KEYS_TIMEOUT);
    }

    /**
     * A Keycloak realm whose JWKS is fetched trusting {@code tls} (null: the JVM's trust), each fetch within
     * {@code keysTimeout}; one failed fetch is retried once.
     */
    public static TokenVerifier realm(String issuer, SSLSocketFactory tls, Duration keysTimeout) {
        int timeout = Math.toIntExact(keysTimeout.toMillis());
        try {
            return new TokenVerifier(issuer, JWKSourceBuilder
                    .create(URI.create(issuer + "/protocol/openid-connect/certs").toURL(),
                            new DefaultResourceRetriever(timeout, timeout, 0, true, tls))
                    .retrying(true)
                    .build());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not an issuer URL: " + issuer, e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** An ID token: signature, issuer, audience = client, the nonce the client sent, not expired. */
    public JWTClaimsSet idToken(String idToken, String clientId, String nonce) {
        return verify(idToken, new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build(), Set.of("sub", "iat", "exp")));
    }

    /** An ID token whose nonce only the SDK that asked for it knows (the SDK checks it): signature, issuer, audience, expiry. */
    public JWTClaimsSet idToken(String idToken, String clientId) {
        return verify(idToken, new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "iat", "exp", "nonce")));
    }

    /** An access token: signature, issuer, not expired, issued to the client (azp). */
    public JWTClaimsSet accessToken(String accessToken, String clientId) {
        return verify(accessToken, new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).claim("azp", clientId).build(), Set.of("sub", "iat", "exp")));
    }

    /** Any token of the issuer, as a resource server that reads the claims itself checks it: signature, issuer, expiry. */
    public JWTClaimsSet token(String jwt) {
        return verify(jwt, new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of()));
    }

    private JWTClaimsSet verify(String jwt, DefaultJWTClaimsVerifier<SecurityContext> claims) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(claims);
        try {
            return processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException | ParseException e) {
            throw new AssertionError("token rejected: " + e.getMessage(), e);
        }
    }
}
