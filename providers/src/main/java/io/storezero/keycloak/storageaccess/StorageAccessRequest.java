package io.storezero.keycloak.storageaccess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.WebMessageTarget;

/**
 * What the storage-access frame was asked for, checked for shape only (the client and its Web Origins are the
 * resource's business): the embedding {@code origin}, the {@code client_id}, and the authorization request the frame
 * runs once the browser grants storage access.
 *
 * <p>The frame always asks with {@code prompt=none} and {@code response_mode=web_message}: it exists to answer a silent
 * check, never to show a login form inside a third-party frame (clickjacking), so a caller cannot choose either. The
 * {@code redirect_uri} must be on the embedding origin because the web message goes to the redirect URI's origin: any
 * other would leave the embedding page without an answer.
 */
record StorageAccessRequest(String clientId, String origin, Map<String, String> authorizeParams) {

    static final String ORIGIN = "origin";
    static final String CLIENT_ID = "client_id";
    static final String REDIRECT_URI = "redirect_uri";
    static final String RESPONSE_TYPE = "response_type";

    /** Required besides {@link #ORIGIN}, forwarded to the authorization endpoint. */
    static final List<String> REQUIRED = List.of(CLIENT_ID, REDIRECT_URI, RESPONSE_TYPE);
    /** Forwarded when present; anything else is dropped. */
    static final List<String> OPTIONAL = List.of("scope", "state", "nonce", "code_challenge", "code_challenge_method");
    /** Fixed by the frame; a request that tries to set them is refused rather than silently changed. */
    static final List<String> FIXED = List.of("prompt", WebMessage.RESPONSE_MODE_PARAM);

    /** The request, or the name of the first parameter that is missing, repeated, fixed or malformed. */
    static Result parse(Map<String, List<String>> query) {
        for (String name : concat(List.of(ORIGIN), REQUIRED, OPTIONAL, FIXED)) {
            List<String> values = query.getOrDefault(name, List.of());
            if (values.size() > 1 || (FIXED.contains(name) && !values.isEmpty())) {
                return Result.invalid(name);
            }
            if ((name.equals(ORIGIN) || REQUIRED.contains(name)) && (values.isEmpty() || values.get(0).isBlank())) {
                return Result.invalid(name);
            }
        }
        String origin = query.get(ORIGIN).get(0);
        // The origin is echoed into a CSP header and an attribute: only a serialized origin, exactly as browsers send it.
        if (WebMessageTarget.originOf(origin).filter(origin::equals).isEmpty()) {
            return Result.invalid(ORIGIN);
        }
        String redirectUri = query.get(REDIRECT_URI).get(0);
        if (!WebMessageTarget.originOf(redirectUri).map(origin::equals).orElse(false)) {
            return Result.invalid(REDIRECT_URI);
        }
        Map<String, String> authorize = new LinkedHashMap<>();
        for (String name : concat(REQUIRED, OPTIONAL)) {
            List<String> values = query.getOrDefault(name, List.of());
            if (!values.isEmpty()) {
                authorize.put(name, values.get(0));
            }
        }
        authorize.put("prompt", "none");
        authorize.put(WebMessage.RESPONSE_MODE_PARAM, WebMessage.RESPONSE_MODE);
        return new Result(Optional.of(new StorageAccessRequest(query.get(CLIENT_ID).get(0), origin, authorize)), null);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    /** A request, or the parameter that made it invalid. */
    record Result(Optional<StorageAccessRequest> request, String invalidParameter) {

        static Result invalid(String parameter) {
            return new Result(Optional.empty(), parameter);
        }
    }
}
