package io.storezero.it.security;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never reach a response or the log because of hostile input: a Java stack trace (an unhandled exception
 * tells an attacker the internals and usually means a 500 is near) and a token (a JWT-looking {@code eyJ...} string).
 */
final class Leaks {

    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$]+)+\\([\\w$]+\\.java:\\d+\\)"
                    + "|\\b(java|jakarta|javax|org\\.jboss|io\\.vertx|io\\.quarkus|org\\.keycloak)\\.[\\w.$]*(Exception|Error)\\b"
                    + "|\\bCaused by: ");
    /** Header, payload and (possibly empty) signature: JWS and JWE compact forms both start with a base64url "{". */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

    private Leaks() {
    }

    static Optional<String> stackTrace(String text) {
        return first(STACK_TRACE, text);
    }

    /** The first JWT-looking string that is not one of {@code ownValues} (request objects the test itself sent). */
    static Optional<String> token(String text, java.util.Set<String> ownValues) {
        Matcher matcher = JWT.matcher(text);
        while (matcher.find()) {
            if (!ownValues.contains(matcher.group())) {
                return Optional.of(abbreviate(matcher.group()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(abbreviate(matcher.group()));
    }

    /** Never print a whole token: its head is enough to find it. */
    private static String abbreviate(String found) {
        return found.length() > 24 ? found.substring(0, 24) + "..." : found;
    }
}
