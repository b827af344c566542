package io.storezero.it.support;

import java.nio.file.Path;

/**
 * The repository's root folder: where the realm files, the runner and the Docker files are. Apart from
 * {@link StorezeroServer} so that the tests that only read files (surefire, no ports set) need nothing else.
 */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path get() {
        return Path.of(System.getProperty("storezero.root", "..")).toAbsolutePath().normalize();
    }
}
