package io.storezero.it.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.storezero.it.support.ProjectRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's answers before it starts anything: an unknown command is named as such, and a machine without curl,
 * or with a Node.js older than 20, is told exactly that, at once, instead of a silent wait for servers that never
 * answer. Each case runs {@code ./storezero} with a PATH of this machine's programs minus (or with a fake of) one.
 */
class RunnerPrerequisitesTest {

    private static final Path STOREZERO = ProjectRoot.get().resolve("storezero");

    record Result(int exit, String output) {
    }

    private static Result run(Path path, Path state, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", STOREZERO.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (path != null) {
            builder.environment().put("PATH", path.toString());
        }
        builder.environment().put("STOREZERO_STATE", state.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the runner answers at once").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * A folder of links to every program of /usr/bin and /bin, except {@code left out}; under target/, removed by
     * {@link #removeLinks} (JUnit's temporary folders warn about every link they delete).
     */
    private static Path programsWithout(String leftOut) throws IOException {
        Path bin = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "runner-programs-");
        LINK_FOLDERS.add(bin);
        for (String system : List.of("/usr/bin", "/bin")) {
            try (Stream<Path> programs = Files.list(Path.of(system))) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    Path link = bin.resolve(program.getFileName().toString());
                    if (!program.getFileName().toString().equals(leftOut) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        return bin;
    }

    private static final List<Path> LINK_FOLDERS = new java.util.ArrayList<>();

    @AfterAll
    static void removeLinks() throws IOException {
        for (Path folder : LINK_FOLDERS) {
            try (Stream<Path> links = Files.list(folder)) {
                for (Path link : (Iterable<Path>) links::iterator) {
                    Files.delete(link);
                }
            }
            Files.delete(folder);
        }
    }

    @Test
    void anUnknownCommandIsNamedAndNothingStarts(@TempDir Path dir) throws Exception {
        Result result = run(null, dir.resolve("state"), "strat");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("unknown command: strat").contains("./storezero start");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void withoutCurlStartSaysSoAtOnce(@TempDir Path dir) throws Exception {
        Result result = run(programsWithout("curl"), dir.resolve("state"), "start");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("no curl on the PATH").contains("apt-get install curl");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void anOldNodeIsRefusedWithTheVersionNeeded(@TempDir Path dir) throws Exception {
        Path bin = programsWithout("node");
        Path node = bin.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho 18\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = run(bin, dir.resolve("state"), "test");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("node on the PATH is version 18").contains("Node.js 20 or later");
    }

    @Test
    void theTestCommandTakesNoArgumentsAndSaysWhatItDoes(@TempDir Path dir) throws Exception {
        Result help = run(null, dir.resolve("state"), "help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("./storezero test").contains("installs what is missing");

        Result wrong = run(null, dir.resolve("state"), "test", "--fast");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.output()).contains("takes no arguments");
        assertThat(Set.of(wrong.output().split("\n"))).noneMatch(line -> line.contains("apt-get update"));
    }
}
