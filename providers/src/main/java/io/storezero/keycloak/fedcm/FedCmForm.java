package io.storezero.keycloak.fedcm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The body of the browser's ID assertion request: {@code application/x-www-form-urlencoded}, UTF-8 (the browser
 * always encodes it so; a {@code charset} parameter is ignored), at most {@value #MAX_BYTES} bytes. Anything else is
 * no form: the endpoint answers 400.
 */
final class FedCmForm {

    /** Far above what a browser sends (a few ids, a nonce, a challenge, a redirect URI), far below a memory concern. */
    static final int MAX_BYTES = 16 * 1024;

    private FedCmForm() {
    }

    static Optional<MultivaluedMap<String, String>> read(MediaType type, InputStream body) {
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type) || type.isWildcardType() || type.isWildcardSubtype()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The decoded fields of a form body, or empty when an escape is malformed. */
    static Optional<MultivaluedMap<String, String>> parse(String body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                form.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.of(form);
    }
}
