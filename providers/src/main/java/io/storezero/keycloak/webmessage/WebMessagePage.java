package io.storezero.keycloak.webmessage;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTML page that hands an authorization response to the window that asked for it: {@code window.opener}
 * for a popup, else {@code window.parent} for an iframe, posted to exactly one origin.
 *
 * <p>Every value reaches the page only as a JSON literal inside the script, written by Jackson with
 * escapes that keep it inert in HTML: {@code < > & '} and U+2028/U+2029 become {@code \\uXXXX}, so
 * neither {@code </script>} nor {@code <!--} nor a line separator can end the literal or the element.
 * The script is allowed by its SHA-256 hash, never by {@code 'unsafe-inline'}.
 *
 * <p>A {@code login_required} answer is ambiguous in a frame: the session may be gone, or the browser may simply not
 * send the server's cookies to a frame on another site than the page (third-party cookies blocked). Only the page
 * can tell, so for that answer the script asks {@code document.hasStorageAccess()} before posting; when the frame has
 * no access it replaces {@code error_description} and adds {@link #STORAGE_ACCESS_FIELD}{@code ="}
 * {@link #STORAGE_ACCESS_UNAVAILABLE}{@code "}. {@code error} stays {@code login_required}, so SDKs that know nothing
 * of the field (auth0.js, auth0-spa-js) behave as before, while an SPA that reads it can offer a popup instead of a
 * logout. Where the method does not exist, or fails, the answer is posted unchanged.
 */
public final class WebMessagePage {

    /** The extension field of a {@code login_required} answer from a frame without access to the server's cookies. */
    public static final String STORAGE_ACCESS_FIELD = "storage_access";

    /** Its only value: the frame had no access to the authorization server's cookies. */
    public static final String STORAGE_ACCESS_UNAVAILABLE = "unavailable";

    /** The {@code error_description} that replaces the usual one in that case, for developers reading the SDK's error. */
    public static final String STORAGE_ACCESS_DESCRIPTION = "Login required: this frame had no access to the authorization"
            + " server's cookies (third-party cookies blocked), so a session may still exist; a popup or a top-level"
            + " redirect can use it";

    private static final ObjectMapper SCRIPT_JSON = new ObjectMapper();

    static {
        SCRIPT_JSON.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    }

    private final String html;
    private final String contentSecurityPolicy;

    private WebMessagePage(String html, String contentSecurityPolicy) {
        this.html = html;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /**
     * @param targetOrigin an origin as produced by {@link WebMessageTarget#originOf(String)}
     * @param response     the authorization response parameters, in the order a redirect would carry them
     */
    public static WebMessagePage render(String targetOrigin, Map<String, String> response) {
        if (WebMessageTarget.originOf(targetOrigin).filter(targetOrigin::equals).isEmpty()) {
            throw new IllegalArgumentException("Not a web_message target origin: " + targetOrigin);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "authorization_response");
        message.put("response", response);

        String script = "(function(){"
                + "var message=" + json(message) + ";"
                + "var targetOrigin=" + json(targetOrigin) + ";"
                + "var target=window.opener||(window.parent!==window?window.parent:null);"
                + ("login_required".equals(response.get("error")) ? postAfterStorageAccessCheck() : "if(target){target.postMessage(message,targetOrigin);}")
                + "})();";
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Authorization response</title></head><body>"
                + "<script>" + script + "</script>"
                + "</body></html>\n";
        String csp = "default-src 'none'; script-src '" + ScriptHash.sha256(script) + "'; frame-ancestors " + targetOrigin
                + "; base-uri 'none'; form-action 'none'";
        return new WebMessagePage(html, csp);
    }

    /**
     * Posts once the frame's access to cookies is known. A top-level popup and a same-site frame always have access,
     * so only a cross-site frame whose cookies the browser withholds changes the answer.
     */
    private static String postAfterStorageAccessCheck() {
        return "if(!target){return;}"
                + "var post=function(){target.postMessage(message,targetOrigin);};"
                + "if(typeof document.hasStorageAccess!==\"function\"){post();return;}"
                + "document.hasStorageAccess().then(function(access){if(access===false){"
                + "message.response.error_description=" + json(STORAGE_ACCESS_DESCRIPTION) + ";"
                + "message.response." + STORAGE_ACCESS_FIELD + "=" + json(STORAGE_ACCESS_UNAVAILABLE) + ";"
                + "}},function(){}).then(post);";
    }

    public String html() {
        return html;
    }

    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    private static String json(Object value) {
        try {
            return SCRIPT_JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serializes", e);
        }
    }


    /** JSON escapes that also make the literal safe inside an HTML script element. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {

        private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

        private final int[] asciiEscapes;

        ScriptSafeEscapes() {
            asciiEscapes = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\'', '/'}) {
                asciiEscapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '\u2028') {
                return LINE_SEPARATOR;
            }
            if (ch == '\u2029') {
                return PARAGRAPH_SEPARATOR;
            }
            return null;
        }
    }
}
