package io.storezero.it.security;

/**
 * One door tried against one realm: what was tried (never a secret, token or code), the flow it exercised, and
 * whether it let the caller in. {@code status} is the last HTTP status seen, 0 for a structural check.
 */
record RealmDoorsAttempt(String door, String flow, String client, String detail, int status, boolean open) {

    String describe() {
        return door + " [" + flow + "] client " + client + ": " + detail + " -> HTTP " + status;
    }
}
