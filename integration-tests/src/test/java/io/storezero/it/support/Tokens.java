package io.storezero.it.support;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.testsupport.TokenVerifier;

/**
 * Verifies tokens the way a careful SPA or API would, with test-support's {@link TokenVerifier}: signature against the
 * realm's JWKS, then claims. This suite's trust: over HTTPS, the run's test certificate and nothing else.
 */
public final class Tokens {

    private Tokens() {
    }

    /** An ID token: RS256 signature, issuer, audience = client, the nonce the client sent, not expired. */
    public static JWTClaimsSet verifyIdToken(String idToken, String issuer, String clientId, String nonce) {
        return realm(issuer).idToken(idToken, clientId, nonce);
    }

    /** An ID token whose nonce only the SDK that asked for it knows (the SDK checks it): signature, issuer, audience, expiry. */
    public static JWTClaimsSet verifyIdToken(String idToken, String issuer, String clientId) {
        return realm(issuer).idToken(idToken, clientId);
    }

    /** An access token: RS256 signature, issuer, not expired, issued to the client (azp). */
    public static JWTClaimsSet verifyAccessToken(String accessToken, String issuer, String clientId) {
        return realm(issuer).accessToken(accessToken, clientId);
    }

    /** A verifier per token, as before: a realm this suite deletes and imports again has new keys under its old issuer. */
    private static TokenVerifier realm(String issuer) {
        return TokenVerifier.realm(issuer, issuer.startsWith("https:") ? TestTls.get().sslContext().getSocketFactory() : null,
                TokenVerifier.KEYS_TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> response(Map<String, Object> message) {
        return (Map<String, Object>) message.get("data") == null ? null
                : (Map<String, Object>) ((Map<String, Object>) message.get("data")).get("response");
    }
}
