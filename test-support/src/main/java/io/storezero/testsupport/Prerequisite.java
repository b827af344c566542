package io.storezero.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a suite needs from the machine beyond Java, Maven and Node. Each answers what is missing (empty when present)
 * and how to get it; {@link RequiresCondition} skips a suite whose prerequisite is missing with one line saying so,
 * or fails it where every suite must run ({@code ./storezero test}, CI).
 */
public enum Prerequisite {

    /** Chromium and ChromeDriver: on the PATH, or where {@code -Dstorezero.chromium} / {@code -Dstorezero.chromedriver} say. */
    CHROMIUM("apt-get install chromium chromium-driver, or -Dstorezero.chromium=... -Dstorezero.chromedriver=...") {
        @Override
        Optional<String> missing() {
            if (HeadlessChromium.chromium().isEmpty()) {
                return Optional.of("no Chromium (chromium on the PATH or -Dstorezero.chromium)");
            }
            if (HeadlessChromium.chromedriver().isEmpty()) {
                return Optional.of("no ChromeDriver (chromedriver on the PATH or -Dstorezero.chromedriver)");
            }
            return Optional.empty();
        }
    },

    /** Debian's PostgreSQL server programs, which the runner's cluster starts itself. */
    POSTGRESQL("apt-get install postgresql") {
        @Override
        Optional<String> missing() {
            String configured = System.getenv("STOREZERO_CLUSTER_PG_BIN");
            if (configured != null && !configured.isBlank()) {
                return Files.isExecutable(Path.of(configured, "pg_ctl")) ? Optional.empty()
                        : Optional.of("no pg_ctl in STOREZERO_CLUSTER_PG_BIN=" + configured);
            }
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                return versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/pg_ctl"))) ? Optional.empty()
                        : Optional.of("no PostgreSQL server (/usr/lib/postgresql/*/bin/pg_ctl)");
            } catch (IOException e) {
                return Optional.of("no PostgreSQL server (/usr/lib/postgresql/*/bin/pg_ctl)");
            }
        }
    },

    /** HAProxy, the cluster's load balancer. */
    HAPROXY("apt-get install haproxy") {
        @Override
        Optional<String> missing() {
            return onPath("haproxy").isPresent() ? Optional.empty() : Optional.of("no haproxy on the PATH");
        }
    },

    /** A Docker engine that answers ({@code docker info}). */
    DOCKER("apt-get install docker.io, and a running engine (./storezero test starts one)") {
        @Override
        Optional<String> missing() {
            return succeeds("docker", "info") ? Optional.empty() : Optional.of("no Docker engine answers (docker info)");
        }
    },

    /** The compose binary the compose cluster runs ({@code storezero.compose.command}, Debian's Compose v1 by default). */
    DOCKER_COMPOSE("apt-get install docker-compose") {
        @Override
        Optional<String> missing() {
            String command = System.getProperty("storezero.compose.command", "docker-compose");
            return onPath(command.split(" ")[0]).isPresent() ? Optional.empty() : Optional.of("no " + command + " on the PATH");
        }
    },

    /** The bundle's image, {@code storezero.image}, built by docker/build.sh from the local base image (docker/base/). */
    IMAGE("docker/base/build-base.sh, then the build again (docker/build.sh tags the image; no registry is used)") {
        @Override
        Optional<String> missing() {
            return localImages("storezero.image");
        }
    },

    /** The compose cluster's images, {@code storezero.cluster.images} (comma-separated), built locally too. */
    CLUSTER_IMAGES("docker/base/build-base.sh, build-postgres.sh and build-haproxy.sh, then the build again") {
        @Override
        Optional<String> missing() {
            return localImages("storezero.cluster.images");
        }
    };

    private final String remedy;

    Prerequisite(String remedy) {
        this.remedy = remedy;
    }

    /** What is missing, in a few words, or empty when this prerequisite is met. */
    abstract Optional<String> missing();

    /** How to get it. */
    public String remedy() {
        return remedy;
    }

    /** The executable {@code name} on the PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> localImages(String property) {
        String images = System.getProperty(property, "");
        if (images.isBlank()) {
            return Optional.of("no image named (-D" + property + ")");
        }
        for (String image : images.split(",")) {
            if (!succeeds("docker", "image", "inspect", image.trim())) {
                return Optional.of("no local image " + image.trim());
            }
        }
        return Optional.empty();
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
