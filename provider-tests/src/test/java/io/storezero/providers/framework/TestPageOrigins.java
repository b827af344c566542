package io.storezero.providers.framework;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * The test realms of {@code integration-tests/src/test/resources/realms} (shared with the runner-based suite, which
 * serves its pages on its own ports) pointed at {@link SpaPages}: every client URI on the runner suite's page origins
 * is moved to the framework's HTTP server, the rest of the realm is imported as it is.
 */
public final class TestPageOrigins implements RealmConfig {

    /** The runner suite's page origins (see integration-tests' TestPages) and where they live here. */
    private static final Map<String, String> MOVED = Map.of(
            "http://localhost:3100", SpaPages.ORIGIN,
            "http://127.0.0.1:3101", SpaPages.FOREIGN_ORIGIN);

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        RealmRepresentation representation = realm.build();
        for (ClientRepresentation client : representation.getClients() == null ? List.<ClientRepresentation>of() : representation.getClients()) {
            if (client.getRedirectUris() != null) {
                client.setRedirectUris(client.getRedirectUris().stream().map(TestPageOrigins::move).collect(Collectors.toList()));
            }
            if (client.getWebOrigins() != null) {
                client.setWebOrigins(client.getWebOrigins().stream().map(TestPageOrigins::move).collect(Collectors.toList()));
            }
            if (client.getAttributes() != null) {
                client.getAttributes().replaceAll((name, value) -> value == null ? null : move(value));
            }
        }
        return RealmBuilder.update(representation);
    }

    static String move(String value) {
        String moved = value;
        for (Map.Entry<String, String> origin : MOVED.entrySet()) {
            moved = moved.replace(origin.getKey(), origin.getValue());
        }
        return moved;
    }
}
