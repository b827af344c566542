package io.storezero.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import io.storezero.testsupport.KeycloakUnderTest;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The suite's administrator: Keycloak's own admin client ({@code keycloak-admin-client}), signed in as the bootstrap
 * admin the runner creates, plus the two things the client does not do for a test: importing a test realm file with
 * the run's ports filled in, and showing a representation as the JSON the admin REST API answers (for the checks
 * that walk settings generically, and for leak checks that look for a string anywhere).
 */
public final class KeycloakAdmin {

    /** Representations as Keycloak's REST API writes them: absent fields left out, unknown ones a loud failure. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(STOREZERO_[A-Z_]+)}");
    private static KeycloakAdmin local;

    private final Keycloak keycloak;

    private KeycloakAdmin(Keycloak keycloak) {
        this.keycloak = keycloak;
    }

    /** The suite's Keycloak ({@link StorezeroServer#KEYCLOAK_URL}); one signed-in client for the whole run. */
    public static synchronized KeycloakAdmin local() {
        if (local == null) {
            local = new KeycloakAdmin(client(StorezeroServer.keycloak()));
        }
        return local;
    }

    /** An admin client of {@code keycloak}, signed in as its administrator through {@code admin-cli}; the caller closes it. */
    public static Keycloak client(KeycloakUnderTest keycloak) {
        return Keycloak.getInstance(keycloak.url(), "master", keycloak.admin().username(), keycloak.admin().password().get(), "admin-cli");
    }

    /** The admin client itself, for everything the tests ask Keycloak's admin API. */
    public Keycloak client() {
        return keycloak;
    }

    public RealmResource realm(String name) {
        return keycloak.realm(name);
    }

    public boolean realmExists(String name) {
        try {
            keycloak.realm(name).toRepresentation();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Deletes a realm if there is one of that name: a test's clean slate. */
    public void removeRealm(String name) {
        try {
            keycloak.realm(name).remove();
        } catch (NotFoundException e) {
            // nothing to remove
        }
    }

    /** Creates a realm from its JSON (an exported realm file, edited by a test). */
    public void createRealm(JsonNode realm) {
        keycloak.realms().create(representation(realm, RealmRepresentation.class));
    }

    /**
     * Imports a realm file from the test resources unless a realm of that name exists already. The files name the
     * run's origins by placeholder ({@code ${STOREZERO_IT_PAGES_URL}} ...), filled from the configured ports
     * ({@link #placeholders()}) so that the realm registers the origins the test pages really have.
     */
    public void ensureRealm(String resource) {
        JsonNode realm = realmFile(resource);
        if (!realmExists(realm.get("realm").asText())) {
            createRealm(realm);
        }
    }

    /** A test realm file with the run's origins filled in. */
    public static JsonNode realmFile(String resource) {
        try (InputStream in = KeycloakAdmin.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return JSON.readTree(fill(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The origins the test realm files name by placeholder: Keycloak and the test pages, on this run's ports. */
    public static Map<String, String> placeholders() {
        return Map.of(
                "STOREZERO_KEYCLOAK_URL", StorezeroServer.KEYCLOAK_URL,
                "STOREZERO_IT_KEYCLOAK_HTTPS_URL", StorezeroServer.KEYCLOAK_HTTPS_URL,
                "STOREZERO_IT_PAGES_URL", TestPages.APP_ORIGIN,
                "STOREZERO_IT_FOREIGN_URL", TestPages.FOREIGN_ORIGIN,
                "STOREZERO_IT_PAGES_HTTPS_URL", TestPages.HTTPS_ORIGIN);
    }

    private static String fill(String text, String resource) {
        Map<String, String> values = placeholders();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                // An unknown name would reach Keycloak as a literal "${...}" and fail somewhere far from here.
                throw new IllegalArgumentException(resource + " names an unknown placeholder " + matcher.group());
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }

    /** User events of a realm of one type, newest first, as the admin API's JSON. */
    public List<JsonNode> events(String realm, String type) {
        List<JsonNode> events = new ArrayList<>();
        keycloak.realm(realm).getEvents(List.of(type), null, null, null, null, null, 0, 500).forEach(e -> events.add(tree(e)));
        return events;
    }

    /** Every stored event and admin event of a realm, as the admin API's JSON text: for leak checks. */
    public String allEventsJson(String realm) {
        RealmResource resource = keycloak.realm(realm);
        return tree(resource.getEvents(null, null, null, null, null, null, 0, 10000)).toString()
                + tree(resource.getAdminEvents(null, null, null, null, null, null, null, null, 0, 10000)).toString();
    }

    /** The id of what a create call made (Keycloak answers it only in the Location header); fails unless 201. */
    public static String createdId(Response response) {
        try (response) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** A representation as the admin REST API's JSON: for checks that walk every setting rather than named ones. */
    public static JsonNode tree(Object representation) {
        return JSON.valueToTree(representation);
    }

    /** JSON (a realm file, a test's edit of a representation) as a representation of the admin client. */
    public static <T> T representation(JsonNode json, Class<T> type) {
        try {
            return JSON.treeToValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " this admin client knows: " + e.getMessage(), e);
        }
    }
}
