package io.storezero.load;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The users of the simulated Facebook realm the load logs in, created through Keycloak's admin REST API. Each gets its
 * username as password: they exist only for the run, in a realm that stands in for Facebook.
 */
public final class FacebookUsers {

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
}
