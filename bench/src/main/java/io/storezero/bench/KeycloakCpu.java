package io.storezero.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.storezero.load.ProcessCpu;

/**
 * The CPU time of the Keycloak JVM the server section loads, from /proc ({@link ProcessCpu}), found as the cluster
 * tests find a node's: the runner records kc.sh's PID, and the JVM is that process or its child. A Keycloak the run
 * did not start (--keycloak-url) has no PID here, and one on another machine none readable at all: then every CPU
 * figure is missing, with the reason, never 0.
 *
 * @param jvm    the JVM's PID, if known
 * @param source where the figures come from, or why there are none
 */
record KeycloakCpu(OptionalLong jvm, String source) {

    static KeycloakCpu of(Optional<Path> pidFile) {
        if (pidFile.isEmpty()) {
            return none("not measured: the run did not start this Keycloak (--keycloak-url), so it has no PID of its JVM to read");
        }
        Path file = pidFile.get();
        if (!Files.isReadable(file)) {
            return none("not measured: no PID file " + file);
        }
        long script = ProcessCpu.pidFile(file);
        OptionalLong jvm = ProcessCpu.jvm(script);
        if (jvm.isEmpty()) {
            return none("not measured: process " + script + " (from " + file + ") runs no readable JVM");
        }
        return new KeycloakCpu(jvm, "/proc/" + jvm.getAsLong() + "/stat utime + stime of the Keycloak JVM (pid "
                + jvm.getAsLong() + "), read before and after each block, divided by the block's requests");
    }

    private static KeycloakCpu none(String reason) {
        return new KeycloakCpu(OptionalLong.empty(), reason);
    }

    /** CPU milliseconds of the JVM so far; empty when there is no JVM to read or it is gone. */
    Optional<Map<Long, Long>> read() {
        if (jvm.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, Long> reading = ProcessCpu.tree(jvm.getAsLong());
        return reading.isEmpty() ? Optional.empty() : Optional.of(reading);
    }

    boolean measured() {
        return jvm.isPresent();
    }
}
