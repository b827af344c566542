package io.storezero.it.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storezero.it.support.KeycloakAdmin;

/**
 * The two kinds of account a door must not open for: one with a password (the realm's own, or a throwaway one with a
 * random password nobody knows), and one without any credential, as Keycloak keeps a brokered (Facebook) user.
 * Every user created here is deleted on close.
 */
final class RealmDoorsUsers implements AutoCloseable {

    /** How an attempt names the user, as a login form or a password grant would. */
    record Address(String kind, String value) {
    }

    record User(String kind, List<Address> addresses) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakAdmin admin;
    private final String realm;
    private final List<String> created = new ArrayList<>();
    private final List<User> users = new ArrayList<>();

    private RealmDoorsUsers(KeycloakAdmin admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    static RealmDoorsUsers prepare(KeycloakAdmin admin, String realm) {
        RealmDoorsUsers users = new RealmDoorsUsers(admin, realm);
        users.users.add(users.userWithPassword());
        users.users.add(users.create("without any credential", null));
        return users;
    }

    List<User> all() {
        return users;
    }

    private User userWithPassword() {
        for (JsonNode user : admin.get("/admin/realms/" + realm + "/users?max=200&briefRepresentation=true")) {
            String id = user.path("id").asText();
            boolean hasPassword = false;
            for (JsonNode credential : admin.get("/admin/realms/" + realm + "/users/" + id + "/credentials")) {
                hasPassword |= "password".equals(credential.path("type").asText());
            }
            if (hasPassword && user.path("enabled").asBoolean(false)) {
                return new User("with a password", addresses(user.path("username").asText(), user.path("email").asText(null)));
            }
        }
        // The realm file has no user with a password (storezero: users come from Facebook): a throwaway one.
        return create("with a password", randomSecret());
    }

    private User create(String kind, String password) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String username = "doors-" + HexFormat.of().formatHex(suffix);
        String email = username + "@example.org";
        Map<String, Object> user = new java.util.LinkedHashMap<>(Map.of("username", username, "email", email,
                "emailVerified", true, "enabled", true, "firstName", "Door", "lastName", "Check"));
        if (password != null) {
            user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        }
        created.add(admin.create("/admin/realms/" + realm + "/users", user));
        return new User(kind, addresses(username, email));
    }

    private static List<Address> addresses(String username, String email) {
        return email == null || email.isBlank()
                ? List.of(new Address("username", username))
                : List.of(new Address("username", username), new Address("e-mail", email));
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        created.forEach(id -> admin.delete("/admin/realms/" + realm + "/users/" + id));
    }
}
