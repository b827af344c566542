package io.storezero.testsupport;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the bundle's {@code response_mode=web_message} page hands to the window that asked: the origin it posts to
 * and the authorization response parameters (an error is one of them). The one reader of that page for every suite
 * and the load generator, so that a change to the page breaks one place.
 *
 * <p>The contract is the page as the providers render it, {@code io.storezero.keycloak.webmessage.WebMessagePage}
 * (docs/web-message.md): one inline script holding {@code var message={"type":"authorization_response","response":
 * {...}};} and {@code var targetOrigin="...";}, both JSON literals written by Jackson, then
 * {@code postMessage(message,targetOrigin)}. Each literal is read here as exactly one JSON value by Jackson, where it
 * starts, so no pattern has to guess where it ends. The response is the one the server wrote: for a
 * {@code login_required} answer the page's script may still replace {@code error_description} and add
 * {@code storage_access} in a frame without cookies, which only a browser shows.
 *
 * @param targetOrigin the origin the page posts to (never {@code "*"} for a page of the bundle)
 * @param response     the authorization response parameters, in the page's order
 */
public record WebMessagePageAnswer(String targetOrigin, Map<String, String> response) {

    /** The call that makes a page a web_message page: what every reader looks for first. */
    public static final String POST_MESSAGE = "postMessage(message,targetOrigin)";

    private static final String MESSAGE = "var message=";
    private static final String TARGET_ORIGIN = "var targetOrigin=";
    private static final ObjectMapper JSON = new ObjectMapper();

    public WebMessagePageAnswer {
        response = Collections.unmodifiableMap(new LinkedHashMap<>(response));
    }

    /** Whether {@code html} is a web_message page at all (it posts a message), readable or not. */
    public static boolean isWebMessagePage(String html) {
        return html != null && html.contains(POST_MESSAGE);
    }

    /** The answer {@code html} carries, if it is a readable web_message page holding an authorization response. */
    public static Optional<WebMessagePageAnswer> parse(String html) {
        if (!isWebMessagePage(html)) {
            return Optional.empty();
        }
        int start = html.indexOf(MESSAGE);
        Optional<Literal> message = start < 0 ? Optional.empty() : Literal.at(html, start + MESSAGE.length());
        // The target origin is declared right behind the message: found from there, never inside the message's values.
        Optional<Literal> targetOrigin = message.filter(m -> html.startsWith(";" + TARGET_ORIGIN, m.end()))
                .flatMap(m -> Literal.at(html, m.end() + 1 + TARGET_ORIGIN.length()));
        if (message.isEmpty() || targetOrigin.isEmpty() || !targetOrigin.get().value().isTextual()
                || !"authorization_response".equals(message.get().value().path("type").asText())
                || !message.get().value().path("response").isObject()) {
            return Optional.empty();
        }
        Map<String, String> response = new LinkedHashMap<>();
        message.get().value().path("response").properties().forEach(e -> response.put(e.getKey(), e.getValue().asText()));
        return Optional.of(new WebMessagePageAnswer(targetOrigin.get().value().asText(), response));
    }

    /** The {@code error} of the response, if it is one. */
    public Optional<String> error() {
        return Optional.ofNullable(response.get("error"));
    }

    /** One JSON value of the script, read by Jackson from where it starts, and the index in the page just behind it. */
    private record Literal(JsonNode value, int end) {

        static Optional<Literal> at(String html, int start) {
            try (JsonParser parser = JSON.createParser(html.substring(start))) {
                JsonNode value = JSON.readTree(parser);
                return Optional.ofNullable(value)
                        .map(v -> new Literal(v, start + (int) parser.currentLocation().getCharOffset()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
