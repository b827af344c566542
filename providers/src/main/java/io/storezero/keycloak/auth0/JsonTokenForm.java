package io.storezero.keycloak.auth0;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * A JSON token request body ({@code useFormData: false} in auth0-spa-js, auth0.js) read as the form Keycloak's token
 * endpoint expects, with the bounds and checks a form gets, so that JSON is no way around them:
 * <ul>
 * <li>A value may be at most {@link #MAX_VALUE_BYTES} long, as a form attribute: Keycloak sets
 * {@code quarkus.http.limits.max-form-attribute-size=131072}, and a longer form value is answered 413 before Keycloak's
 * code runs (checked on 26.7.3). The same 413 here.</li>
 * <li>The body is read through a stream bounded at {@link #MAX_BODY_BYTES}, never bound to a map of unbounded size.</li>
 * <li>A parameter given twice is refused, as Keycloak refuses a form parameter given twice ("duplicated parameter");
 * with JSON, Jackson's strict duplicate detection finds it (a map would have kept the last one silently).</li>
 * <li>Values are strings, numbers (their literal text) and booleans. {@code null} means the parameter is absent. An
 * object or array is refused: no token request parameter is structured, and a form cannot carry one either.</li>
 * <li>Anything that is not a single JSON object in UTF-8 is refused as {@code invalid_request}.</li>
 * </ul>
 * Pure: bytes in, a form or a {@link Refused} out; no Keycloak state.
 */
final class JsonTokenForm {

    /** Keycloak 26.7.3's {@code quarkus.http.limits.max-form-attribute-size}: the longest form value it accepts. */
    static final int MAX_VALUE_BYTES = 131_072;
    /**
     * The whole body. Far above any real token request (a few kB; a client assertion or refresh token is the longest
     * value), and eight values at the form limit; a form may be larger in total (up to Quarkus' body limit), but
     * nothing legitimate needs that, and reading stops here instead of buffering megabytes of JSON.
     */
    static final int MAX_BODY_BYTES = 1_048_576;

    /** Root object plus one level, so that a nested value is seen (and refused) before Jackson's depth limit fires. */
    private static final int MAX_NESTING_DEPTH = 2;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_VALUE_BYTES)
                    .maxNameLength(MAX_VALUE_BYTES)
                    .maxDocumentLength(MAX_BODY_BYTES)
                    .build())
            .build();

    static final String TOO_LARGE = "The request is too large: at most " + MAX_VALUE_BYTES + " bytes per parameter and "
            + MAX_BODY_BYTES + " bytes in all";

    private JsonTokenForm() {
    }

    /** Why a body is refused: the HTTP status (400 or 413) and an OAuth {@code error_description}. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final int status;

        Refused(int status, String description) {
            super(description, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }

        /** Always {@code invalid_request}: OAuth has no code of its own for a body that is too large. */
        String error() {
            return "invalid_request";
        }

        static Refused invalid(String description) {
            return new Refused(400, description);
        }

        static Refused tooLarge() {
            return new Refused(413, TOO_LARGE);
        }
    }

    /** Reading stopped at the body limit. */
    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** The equivalent form of {@code body}, or why it has none. Reads at most {@link #MAX_BODY_BYTES} + 1 bytes. */
    static MultivaluedMap<String, String> read(InputStream body) throws Refused {
        if (body == null) {
            throw Refused.invalid("The body must be a JSON object");
        }
        // A strict decoder: invalid UTF-8 is refused, not turned into replacement characters.
        InputStreamReader utf8 = new InputStreamReader(new Bounded(body, MAX_BODY_BYTES), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = JSON.createParser(utf8)) {
            return members(parser);
        } catch (BodyTooLarge | StreamConstraintsException e) {
            throw Refused.tooLarge();
        } catch (CharacterCodingException e) {
            throw Refused.invalid("The body must be UTF-8");
        } catch (JsonProcessingException e) {
            // Jackson's strict duplicate detection reports "Duplicate field '<name>'"; JsonTokenFormTest pins the wording.
            String message = e.getOriginalMessage();
            throw Refused.invalid(message != null && message.startsWith("Duplicate") ? "duplicated parameter" : "The body is not well-formed JSON");
        } catch (IOException e) {
            throw Refused.invalid("The body could not be read");
        }
    }

    private static MultivaluedMap<String, String> members(JsonParser parser) throws IOException, Refused {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw Refused.invalid("The body must be a JSON object");
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw Refused.invalid("The body is not well-formed JSON");
            }
            String name = parser.currentName();
            String value = value(parser.nextToken(), parser);
            if (value != null && value.length() > MAX_VALUE_BYTES / 3 && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                throw Refused.tooLarge();
            }
            checkUnicode(name);
            if (value != null) {
                checkUnicode(value);
                form.add(name, value);
            }
        }
        if (parser.nextToken() != null) {
            throw Refused.invalid("The body must be a single JSON object");
        }
        return form;
    }

    private static String value(JsonToken token, JsonParser parser) throws IOException, Refused {
        if (token == null) {
            throw Refused.invalid("The body is not well-formed JSON");
        }
        switch (token) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getText();
            case VALUE_NULL:
                return null;
            default:
                throw Refused.invalid("Parameters must be strings, numbers or booleans");
        }
    }

    /** An escaped lone surrogate ({@code "\ud800"}) decodes to no Unicode text; a form could not carry it either. */
    private static void checkUnicode(String text) throws Refused {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw Refused.invalid("Parameters must be Unicode text");
            }
        }
    }

    /** Fails the read once more than {@code limit} bytes came: the body is not read any further. */
    private static final class Bounded extends FilterInputStream {

        private long remaining;

        Bounded(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Asks for one byte more than allowed at most, so that a body of exactly the limit is still accepted.
            int n = super.read(buffer, offset, (int) Math.min(length, remaining + 1));
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            remaining -= n;
            if (remaining < 0) {
                throw new BodyTooLarge();
            }
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining + 1));
            count((int) skipped);
            return skipped;
        }
    }
}
