package io.storezero.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.storezero.load.FacebookUsers;
import jakarta.ws.rs.NotFoundException;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The run's administration of Keycloak, through Keycloak's own admin client (as the load generator and the test
 * suites do): the bench realm created from {@code bench/bench-realm.json} with the pages' origin filled in and deleted
 * at the end, so a Keycloak the run was pointed at is left as it was found; and what the server-alone section needs
 * to know of the shipped realms.
 */
public final class BenchAdmin implements AutoCloseable {

    public static final String REALM = "storezero-bench";

    private final Keycloak keycloak;

    public BenchAdmin(String keycloakUrl, String user, String password) {
        this.keycloak = Keycloak.getInstance(keycloakUrl, "master", user, password, "admin-cli");
    }

    /** The admin client itself, for the load generator's user factory ({@code FacebookUsers}). */
    public Keycloak client() {
        return keycloak;
    }

    /** Creates the bench realm for pages on {@code origin}, replacing one a crashed run left behind. */
    public void createRealm(String origin) {
        deleteRealm();
        String json = resource("/bench/bench-realm.json").replace("${BENCH_ORIGIN}", origin);
        try {
            keycloak.realms().create(JsonSerialization.readValue(json, RealmRepresentation.class));
        } catch (IOException e) {
            throw new UncheckedIOException("bench/bench-realm.json is not a realm", e);
        }
    }

    public void deleteRealm() {
        try {
            keycloak.realm(REALM).remove();
        } catch (NotFoundException e) {
            // Nothing to delete: the usual case before a run.
        }
    }

    /** The server's version, as its admin API states it. */
    public String serverVersion() {
        return keycloak.serverInfo().getInfo().getSystemInfo().getVersion();
    }

    /** Whether {@code realm} exists on this Keycloak. */
    public boolean realmExists(String realm) {
        return keycloak.realms().findAll().stream().anyMatch(r -> realm.equals(r.getRealm()));
    }

    /**
     * The first redirect URI {@code clientId} of {@code realm} registers: the app's URL a silent authentication for
     * that client must name (exact match), whatever port the app was started on. Empty if the client is missing.
     */
    public Optional<String> redirectUri(String realm, String clientId) {
        List<ClientRepresentation> clients = keycloak.realm(realm).clients().findByClientId(clientId);
        return clients.stream().flatMap(c -> Optional.ofNullable(c.getRedirectUris()).orElse(List.of()).stream()).findFirst();
    }

    /**
     * Deletes the users of {@code realm} whose username or e-mail starts with {@code prefix}: the run's own, nobody
     * else's (a brokered user's username is the broker's choice; its e-mail is the one the run gave it).
     */
    public int deleteUsers(String realm, String prefix) {
        return FacebookUsers.delete(keycloak, realm, prefix);
    }

    @Override
    public void close() {
        keycloak.close();
    }

    static String resource(String name) {
        try (InputStream in = BenchAdmin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
