package io.storezero.bench;

/**
 * The ways to get tokens silently that the benchmark compares, in the order each round runs them. The names are the
 * keys of {@code window.benchRun} in {@code bench/bench.html}, where each is implemented as an SPA would.
 */
public enum Variant {
    FLOOR("floor", "floor: an iframe whose static page posts a message at once (no server work)"),
    KEYCLOAK_JS("keycloak-js", "keycloak-js 26.2.4 check-sso (3p-cookie check, silent-check-sso.html, code + PKCE, /token)"),
    IFRAME_IMPLICIT("iframe-implicit", "hidden iframe, implicit, fragment redirect to a callback page"),
    IFRAME_CODE("iframe-code", "hidden iframe, code + PKCE, fragment redirect + /token"),
    WEB_MESSAGE_IMPLICIT("web_message-implicit", "web_message, implicit"),
    WEB_MESSAGE_CODE("web_message-code", "web_message, code + PKCE + /token"),
    POPUP_WEB_MESSAGE("popup-web_message", "popup, web_message, code + PKCE + /token");

    /** The baseline every ratio is taken to: what a Keycloak user gets today. */
    public static final Variant BASELINE = KEYCLOAK_JS;

    private final String id;
    private final String description;

    Variant(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
