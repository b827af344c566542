package io.storezero.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The realm import sets the server module's build writes to {@code server/target/realms/<set>/} (runner/realm-variants.mjs
 * merges realm-export/'s one storezero realm with a variant): what {@code ./storezero start}, the cluster and the Docker
 * image import, so what the tests read. Never realm-export/ itself, whose storezero realm alone has no identity provider.
 */
public final class RealmImportSets {

    /** {@code STOREZERO_FACEBOOK=simulated}, the runner's default and so the ITs': the dev realms. */
    public static final String SIMULATED = "simulated";
    /** {@code STOREZERO_FACEBOOK=real}, the cluster's option and the image's only set: the production realm. */
    public static final String REAL = "real";
    /** Every set, in a fixed order. */
    public static final List<String> ALL = List.of(SIMULATED, REAL);

    private RealmImportSets() {
    }

    /** The folder of a set; fails with the command that writes it when the build has not run. */
    public static Path folder(String set) {
        Path folder = ProjectRoot.get().resolve("server/target/realms").resolve(set);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + " is missing: ./mvnw -DskipTests -pl server -am package writes it");
        }
        return folder;
    }

    /** A set's realm files, sorted by name. */
    public static List<Path> files(String set) {
        try (Stream<Path> files = Files.list(folder(set))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
