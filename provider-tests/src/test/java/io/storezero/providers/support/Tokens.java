package io.storezero.providers.support;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/** Verifies tokens as a careful SPA or API does, with Nimbus: signature against the realm's JWKS, then the claims. */
public final class Tokens {

    private Tokens() {
    }

    /** An ID token: RS256 signature, issuer, audience = client, the nonce the client sent, not expired. */
    public static JWTClaimsSet verifyIdToken(String idToken, String issuer, String clientId, String nonce) {
        return verify(idToken, issuer, new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build(), Set.of("sub", "iat", "exp")));
    }

    /** An access token: RS256 signature, issuer, not expired, issued to the client (azp). */
    public static JWTClaimsSet verifyAccessToken(String accessToken, String issuer, String clientId) {
        return verify(accessToken, issuer, new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).claim("azp", clientId).build(), Set.of("sub", "iat", "exp")));
    }

    private static JWTClaimsSet verify(String jwt, String issuer, DefaultJWTClaimsVerifier<SecurityContext> claims) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder
                    .create(URI.create(issuer + "/protocol/openid-connect/certs").toURL()).retrying(true).build();
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            processor.setJWTClaimsSetVerifier(claims);
            return processor.process(jwt, null);
        } catch (MalformedURLException | BadJOSEException | JOSEException | java.text.ParseException e) {
            throw new AssertionError("token rejected: " + e.getMessage(), e);
        }
    }

    /** The authorization response inside a web message ({@code data.response}), or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> response(Map<String, Object> message) {
        Object data = message.get("data");
        return data instanceof Map ? (Map<String, Object>) ((Map<String, Object>) data).get("response") : null;
    }
}
