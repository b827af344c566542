package io.storezero.load;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The users of the simulated Facebook realm the load logs in, created through Keycloak's admin REST API, and deleted
 * again with their brokered twins. Each gets its username as password: they exist only for the run, in a realm that
 * stands in for Facebook, and must not outlive it ({@link #delete}).
 */
public final class FacebookUsers {

    /** Users per admin search page while deleting. */
    private static final int PAGE = 500;

    private FacebookUsers() {
    }

    /** {@code count} new users named {@code prefix-1...}; answers their usernames. */
    public static List<String> create(Keycloak admin, String realm, String prefix, int count) {
        List<String> usernames = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String username = prefix + "-" + i;
            UserRepresentation user = new UserRepresentation();
            user.setUsername(username);
            user.setEnabled(true);
            user.setEmail(username + "@example.org");
            user.setEmailVerified(true);
            user.setFirstName("Load");
            user.setLastName("Shopper " + i);
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(username);
            password.setTemporary(false);
            user.setCredentials(List.of(password));
            try (var created = admin.realm(realm).users().create(user)) {
                CreatedResponseUtil.getCreatedId(created);
            }
            usernames.add(username);
        }
        return usernames;
    }

    /**
     * Deletes the users of {@code realm} whose username or e-mail starts with {@code prefix}: the run's own, nobody
     * else's (a brokered user's username is the broker's choice; its e-mail is the one {@link #create} gave it).
     * Answers how many were deleted.
     */
    public static int delete(Keycloak admin, String realm, String prefix) {
        int deleted = 0;
        while (true) {
            int round = 0;
            for (UserRepresentation user : admin.realm(realm).users().search(prefix, 0, PAGE)) {
                if (startsWith(user.getUsername(), prefix) || startsWith(user.getEmail(), prefix)) {
                    try (Response response = admin.realm(realm).users().delete(user.getId())) {
                        // A refused deletion would be found again by the next search: stop instead of looping.
                        if (response.getStatus() >= 300) {
                            throw new IllegalStateException("deleting " + user.getUsername() + " in " + realm + " answered " + response.getStatus());
                        }
                    }
                    round++;
                }
            }
            deleted += round;
            if (round == 0) {
                return deleted;
            }
        }
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.startsWith(prefix);
    }
}
