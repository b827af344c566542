package io.storezero.keycloak.storageaccess;


import io.storezero.keycloak.webmessage.ScriptHash;
import io.storezero.keycloak.webmessage.WebMessageTarget;

/**
 * The visible frame an SPA on another site embeds to get its user's Keycloak session back when the browser blocks
 * third-party cookies. One button: its click is the user gesture {@code document.requestStorageAccess()} needs; once
 * the browser grants access, the frame navigates itself to the silent authorization request, whose web_message page
 * then posts the answer to the embedding page. Chromium carries the granted access across that same-origin
 * navigation the frame starts itself (checked in Chromium 156 by {@code StorageAccessIT}).
 *
 * <p>The script is one constant, allowed by its SHA-256 hash; the two values it needs (the authorization URL and the
 * origin to tell about a refusal) travel in HTML-escaped {@code data-} attributes, never inside the script. Framing is
 * allowed for exactly the embedding origin.
 */
final class StorageAccessPage {

    static final String BUTTON_ID = "storage-access-continue";
    static final String STATUS_ID = "storage-access-status";
    /** What the frame posts to the embedding origin when the browser refuses storage access. */
    static final String DENIED_MESSAGE_TYPE = "storage_access_denied";

    /**
     * On a refusal the embedding page hears about it (so it can offer a popup instead), and the button stays for a
     * second try. Nothing else is posted: the tokens come from the web_message page after the navigation.
     */
    static final String SCRIPT = "(function(){"
            + "var b=document.getElementById('" + BUTTON_ID + "'),s=document.getElementById('" + STATUS_ID + "');"
            + "b.addEventListener('click',function(){"
            + "b.disabled=true;"
            + "document.requestStorageAccess().then(function(){"
            + "window.location.replace(b.getAttribute('data-authorize'));"
            + "},function(){"
            + "b.disabled=false;"
            + "s.textContent='Your browser did not allow this site to use your sign-in here.';"
            + "if(window.parent!==window){window.parent.postMessage({type:'" + DENIED_MESSAGE_TYPE + "'},b.getAttribute('data-origin'));}"
            + "});"
            + "});"
            + "})();";

    static final String SCRIPT_HASH = ScriptHash.sha256(SCRIPT);

    private final String html;
    private final String contentSecurityPolicy;

    private StorageAccessPage(String html, String contentSecurityPolicy) {
        this.html = html;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /**
     * @param embeddingOrigin a serialized origin ({@link WebMessageTarget#originOf}), already checked against the
     *                        client's Web Origins
     * @param authorizeUrl    the silent authorization request the frame runs after the grant
     */
    static StorageAccessPage render(String embeddingOrigin, String authorizeUrl) {
        if (WebMessageTarget.originOf(embeddingOrigin).filter(embeddingOrigin::equals).isEmpty()) {
            throw new IllegalArgumentException("Not a serialized origin: " + embeddingOrigin);
        }
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Continue signed in</title></head><body>"
                + "<p>You are still signed in. Allow this site to use your sign-in to continue.</p>"
                + "<button type=\"button\" id=\"" + BUTTON_ID + "\" data-authorize=\"" + attribute(authorizeUrl)
                + "\" data-origin=\"" + attribute(embeddingOrigin) + "\">Continue</button>"
                + "<p id=\"" + STATUS_ID + "\" role=\"status\"></p>"
                + "<script>" + SCRIPT + "</script>"
                + "</body></html>\n";
        String csp = "default-src 'none'; script-src '" + SCRIPT_HASH + "'; frame-ancestors " + embeddingOrigin
                + "; base-uri 'none'; form-action 'none'";
        return new StorageAccessPage(html, csp);
    }

    String html() {
        return html;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Escapes for a double-quoted attribute value. */
    static String attribute(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

}
