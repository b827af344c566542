package io.storezero.providers.support;

import java.util.Map;

/**
 * What a web message hands the SPA's page. The tokens in it are verified with test-support's
 * {@code io.storezero.testsupport.TokenVerifier}, the one verifier of every suite.
 */
public final class Tokens {

    private Tokens() {
    }

    /** The authorization response inside a web message ({@code data.response}), or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> response(Map<String, Object> message) {
        Object data = message.get("data");
        return data instanceof Map ? (Map<String, Object>) ((Map<String, Object>) data).get("response") : null;
    }
}
