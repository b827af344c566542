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

    private ScriptHash() {
    }

    public static String sha256(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
