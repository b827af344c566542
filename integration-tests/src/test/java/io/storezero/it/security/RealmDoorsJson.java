package io.storezero.it.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Lenient JSON for answers that may be an HTML error page instead. */
final class RealmDoorsJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private RealmDoorsJson() {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
