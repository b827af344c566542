package io.storezero.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One compose project run by the compose command line an operator uses ({@code docker-compose}, Debian's Compose v1,
 * or {@code docker compose}), under a project name of its own so that it never meets another run's containers,
 * networks or volumes. Testcontainers' compose support is not used: its local mode drives the same binary but
 * inspects containers through the engine API in ways Compose v1 does not label for, and this test needs nothing
 * beyond the command line.
 */
final class Compose {

    private final List<String> command;
    private final Map<String, String> environment;

    Compose(String binary, Path file, String project, Map<String, String> environment) {
        this.command = new ArrayList<>(List.of(binary.split(" ")));
        this.command.addAll(List.of("-p", project, "-f", file.toString()));
        this.environment = environment;
    }

    /** Runs {@code docker-compose <args>} and answers its output; fails when it exits with anything but 0. */
    String run(long timeoutSeconds, String... args) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("compose", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", args) + " did not end within " + timeoutSeconds + " s");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError("docker-compose " + String.join(" ", args) + " exited with "
                            + process.exitValue() + ":\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What a service wrote to its standard output and error so far (Keycloak's log, HAProxy's request log). */
    String logs(String service) {
        return run(60, "logs", "--no-color", service);
    }
}
