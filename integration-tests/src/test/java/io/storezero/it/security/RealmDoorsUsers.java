package io.storezero.it.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.storezero.it.support.KeycloakAdmin;

/**
 * The two kinds of account a door must not open for: one with a password (a random one nobody knows), and one without
 * any credential, as Keycloak keeps a brokered (Facebook) user. Both are throwaway users, deleted on close, never the
 * realm's own: brute-force detection would lock a demo user such as alice out of the other tests of the same run.
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
        users.users.add(users.create("with a password", randomSecret()));
        users.users.add(users.create("without any credential", null));
        return users;
    }

    List<User> all() {
        return users;
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

    /**
     * Brute-force detection locks a user after a few wrong guesses, and a locked user is refused before any password
     * step runs: that would hide a flow that no longer checks the password. So the next attempt starts unlocked.
     */
    void forgetFailedLogins() {
        admin.deleteAll(created.stream().map(id -> "/admin/realms/" + realm + "/attack-detection/brute-force/users/" + id).toList());
    }

    @Override
    public void close() {
        created.forEach(id -> admin.delete("/admin/realms/" + realm + "/users/" + id));
    }
}
