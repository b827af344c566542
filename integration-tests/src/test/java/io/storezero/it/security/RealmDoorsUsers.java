package io.storezero.it.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.storezero.it.support.KeycloakAdmin;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

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
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setFirstName("Door");
        user.setLastName("Check");
        if (password != null) {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
        }
        created.add(KeycloakAdmin.createdId(admin.realm(realm).users().create(user)));
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
        created.forEach(id -> admin.realm(realm).attackDetection().clearBruteForceForUser(id));
    }

    @Override
    public void close() {
        created.forEach(id -> admin.realm(realm).users().delete(id).close());
    }
}
