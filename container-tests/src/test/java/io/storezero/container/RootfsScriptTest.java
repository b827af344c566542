package io.storezero.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker/base/rootfs.sh}, the one place the images' Debian root file systems are made: debootstrap must check
 * every download against the Debian archive keyring and abort rather than go on unverified, and a missing keyring must
 * stop the build before anything is downloaded. No real debootstrap runs here: a {@code debootstrap} earlier on the
 * PATH records the arguments it was given and fails, as a download would without network.
 */
class RootfsScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ROOTFS_SH = ROOT.resolve("docker/base/rootfs.sh");

    @TempDir
    Path dir;
    private Path calls;
    private Path keyring;

    @BeforeEach
    void fakeDebootstrap() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        calls = dir.resolve("debootstrap-calls");
        Path debootstrap = bin.resolve("debootstrap");
        Files.writeString(debootstrap, "#!/bin/sh\nprintf '%s\\n' \"$@\" >>'" + calls + "'\nexit 3\n");
        Files.setPosixFilePermissions(debootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        keyring = Files.writeString(dir.resolve("keyring.gpg"), "keys");
    }

    @Test
    void debootstrapChecksEverySignatureAgainstTheDebianKeyring() throws Exception {
        Result result = bookwormRootfs(Map.of("STOREZERO_DEBIAN_KEYRING", keyring.toString()), dir.resolve("cache/rootfs.tar"));

        assertThat(result.exitCode()).as("a failed debootstrap fails the build").isNotZero();
        List<String> args = Files.readAllLines(calls);
        assertThat(args).contains("--keyring=" + keyring, "--force-check-gpg", "--variant=minbase", "--include=haproxy", "bookworm")
                .doesNotContain("--no-check-gpg");
        assertThat(dir.resolve("cache/rootfs.tar")).as("nothing cached from a failed debootstrap").doesNotExist();
    }

    @Test
    void aMissingKeyringStopsTheBuildBeforeAnythingIsDownloaded() throws Exception {
        Result result = bookwormRootfs(Map.of("STOREZERO_DEBIAN_KEYRING", dir.resolve("no-such-keyring.gpg").toString()),
                dir.resolve("cache/rootfs.tar"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("no-such-keyring.gpg is missing").contains("apt-get install debian-archive-keyring");
        assertThat(calls).as("debootstrap was not run").doesNotExist();
    }

    @Test
    void aRootFileSystemCachedBeforeSignaturesWereCheckedIsMadeAgain() throws Exception {
        Path tarball = Files.createDirectories(dir.resolve("cache")).resolve("rootfs.tar");
        Files.writeString(tarball, "an old, unverified root file system");

        Result result = bookwormRootfs(Map.of("STOREZERO_DEBIAN_KEYRING", keyring.toString()), tarball);

        assertThat(result.exitCode()).isNotZero();
        assertThat(Files.readAllLines(calls)).as("debootstrap ran again").contains("--force-check-gpg");
        assertThat(tarball).as("the unverified cache is gone").doesNotExist();
    }

    @Test
    void everyImageScriptMakesItsRootFileSystemThroughRootfsSh() throws IOException {
        Pattern call = Pattern.compile("^[^#\\n]*?(?<![\\w-])debootstrap\\s+(-|\")", Pattern.MULTILINE);
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(ROOT.resolve("docker"))) {
            scripts = files.filter(f -> f.toString().endsWith(".sh")).toList();
        }
        assertThat(scripts).contains(ROOT.resolve("docker/base/build-base.sh"), ROOT.resolve("docker/base/build-postgres.sh"),
                ROOT.resolve("docker/base/build-haproxy.sh"));
        assertThat(call.matcher(Files.readString(ROOTFS_SH)).find()).as("the pattern finds rootfs.sh's own call").isTrue();
        for (Path script : scripts) {
            if (!script.equals(ROOTFS_SH)) {
                assertThat(call.matcher(Files.readString(script)).find()).as("%s runs debootstrap itself", ROOT.relativize(script)).isFalse();
            }
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** {@code bookworm_rootfs TARBALL haproxy DIR} from the sourced script, with the fake debootstrap first on the PATH. */
    private Result bookwormRootfs(Map<String, String> env, Path tarball) throws Exception {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "set -euo pipefail; log() { echo \"[test] $*\"; }; . \"$1\"; "
                + "bookworm_rootfs \"$2\" haproxy \"$3\"", "bash", ROOTFS_SH.toString(), tarball.toString(), dir.resolve("out").toString())
                .redirectErrorStream(true);
        bash.environment().putAll(env);
        bash.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        bash.environment().put("STOREZERO_CACHE", dir.resolve("cache").toString());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
