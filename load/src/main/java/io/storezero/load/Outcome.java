package io.storezero.load;

/**
 * What one silent authentication came to: a success (tokens or a code in the answer), or a failure with the reason
 * it is counted under ({@code error=login_required}, {@code status=502}, {@code io=ConnectException}, ...). A reason
 * never carries a token, a code or a cookie: only the OAuth error code, an HTTP status or an exception's class.
 */
public record Outcome(boolean success, String reason) {

    public static final Outcome SUCCESS = new Outcome(true, "success");

    public static Outcome failure(String reason) {
        return new Outcome(false, reason);
    }
}
