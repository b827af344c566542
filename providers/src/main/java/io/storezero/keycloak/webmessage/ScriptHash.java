package io.storezero.keycloak.webmessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The CSP hash source of an inline script ({@code sha256-<base64>}, without quotes): the bundle's pages allow their one
 * script by its hash, never by {@code 'unsafe-inline'}, so the hash must be of exactly the text between the tags.
 */
public final class ScriptHash {

    /**
     * Copied for each hash: a clone skips the provider lookup of {@link MessageDigest#getInstance(String)}, which showed
     * in profiles of every web_message answer. The prototype itself is never used, so it is safe across threads.
     */
    private static final MessageDigest SHA_256 = sha256Digest();

    private ScriptHash() {
    }

    public static String sha256(String script) {
        byte[] digest = newDigest().digest(script.getBytes(StandardCharsets.UTF_8));
        return "sha256-" + Base64.getEncoder().encodeToString(digest);
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Digest();
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
