package io.storezero.it.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.load.Main;
import io.storezero.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The standalone load generator ({@code io.storezero.load.Main}) against the suite's Keycloak with the shipped realms:
 * the users it creates in the simulated Facebook (password = user name) and their brokered twins in storezero are gone
 * when it ends, also when it fails and when it is stopped by a signal. Compared by user id with what the realms held
 * before, so a run that named its users otherwise cannot pass by not finding them.
 */
@ExtendWith(StorezeroServer.class)
class LoadGeneratorUsersIT {

    private static final List<String> REALMS = List.of("facebook", "storezero");
    private static final int USERS = 2;

    @Test
    void aRunThatFailsAfterItsUsersLoggedInLeavesNoUserBehind(@TempDir Path dir) throws IOException {
        Set<String> before = userIds();
        // --capture into a path under a plain file: the run fails when it writes, after every user logged in.
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> Main.main(args("--capture", file.resolve("answers").toString())))
                .hasMessageContaining("cannot write");

        assertThat(newUsers(before)).as("users the failed run left in " + REALMS).isEmpty();
    }

    @Test
    void aRunStoppedBySigtermLeavesNoUserBehind() throws Exception {
        Set<String> before = userIds();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args("--warmup", "0", "--duration", "600")));
        Process load = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("load-main", ".log").toFile()).start();
        try {
            // Every user exists in both realms (the brokered twin appears with the login): the run is under way.
            Poll.until(Duration.ofSeconds(120), "the run's users, logged in through the broker",
                    () -> newUsers(before).size() >= 2 * USERS || !load.isAlive() ? Boolean.TRUE : null);
            assertThat(load.isAlive()).as("the load generator still runs once its users logged in").isTrue();

            load.destroy(); // SIGTERM, as a terminal's kill or a stopping service sends it
            assertThat(load.waitFor(60, TimeUnit.SECONDS)).as("the load generator exits on SIGTERM").isTrue();
        } finally {
            load.destroyForcibly();
        }

        assertThat(newUsers(before)).as("users the stopped run left in " + REALMS).isEmpty();
    }

    private static String[] args(String... more) {
        List<String> args = new ArrayList<>(List.of("--url", StorezeroServer.KEYCLOAK_URL, "--app", StorezeroServer.APP_URL,
                "--users", String.valueOf(USERS), "--clients", "1", "--interval", "1", "--out", "target/load-main-it"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The ids of every user of the two realms. */
    private static Set<String> userIds() {
        Set<String> ids = new HashSet<>();
        for (String realm : REALMS) {
            for (UserRepresentation user : KeycloakAdmin.local().realm(realm).users().list(0, 10_000)) {
                ids.add(realm + "/" + user.getId() + " " + user.getUsername());
            }
        }
        return ids;
    }

    private static Set<String> newUsers(Set<String> before) {
        Set<String> now = userIds();
        now.removeAll(before);
        return now;
    }
}
