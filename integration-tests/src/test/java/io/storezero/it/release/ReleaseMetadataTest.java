package io.storezero.it.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.storezero.it.support.ProjectRoot;
import org.junit.jupiter.api.Test;

/**
 * What a release promises about its version, read from the files a user reads: the version is stated once (the root
 * POM's {@code revision}, semver), the changelog's newest entry is that version with a date, every advisory names the
 * version that fixes it and that version is in the changelog, and SECURITY.md's supported-versions table starts with
 * the release's minor line.
 */
class ReleaseMetadataTest {

    private static final Pattern REVISION = Pattern.compile("<revision>([^<]+)</revision>");
    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(-SNAPSHOT)?");
    private static final Pattern VERSION_HEADING = Pattern.compile("^## (\\d+\\.\\d+\\.\\d+) - (\\d{4}-\\d{2}-\\d{2})$", Pattern.MULTILINE);
    private static final Pattern ADVISORY = Pattern.compile("^#### (SZ-\\d{4}-\\d+)\\b.*?\\n\\n\\*\\*Fixed in:\\*\\* (\\d+\\.\\d+\\.\\d+)\\.", Pattern.MULTILINE | Pattern.DOTALL);

    private static String read(String file) throws IOException {
        return Files.readString(ProjectRoot.get().resolve(file));
    }

    private static Matcher revision() throws IOException {
        Matcher revision = REVISION.matcher(read("pom.xml"));
        assertThat(revision.find()).as("the root POM states <revision>").isTrue();
        Matcher semver = SEMVER.matcher(revision.group(1));
        assertThat(semver.matches()).as("revision %s is MAJOR.MINOR.PATCH[-SNAPSHOT]", revision.group(1)).isTrue();
        return semver;
    }

    @Test
    void theVersionIsStatedOnceInTheRootPom() throws IOException {
        revision();
        List<Path> poms;
        try (Stream<Path> files = Files.walk(ProjectRoot.get(), 2)) {
            poms = files.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.getParent().equals(ProjectRoot.get()))
                    .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/target/"))
                    .toList();
        }
        assertThat(poms).isNotEmpty();
        for (Path pom : poms) {
            String text = Files.readString(pom);
            Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL).matcher(text);
            assertThat(parent.find()).as("%s has the root as parent", pom).isTrue();
            assertThat(parent.group(1)).as("%s inherits the version", pom).isEqualTo("${revision}");
            assertThat(text).as("%s states no revision of its own", pom).doesNotContain("<revision>");
        }
    }

    @Test
    void theNewestChangelogEntryIsThisVersionWithADate() throws IOException {
        Matcher semver = revision();
        String release = semver.group(1) + "." + semver.group(2) + "." + semver.group(3);
        String changelog = read("CHANGELOG.md");
        Matcher heading = VERSION_HEADING.matcher(changelog);
        assertThat(heading.find()).as("CHANGELOG.md has '## X.Y.Z - YYYY-MM-DD' entries").isTrue();
        if (semver.group(4) == null) {
            assertThat(heading.group(1)).as("a release's newest changelog entry").isEqualTo(release);
            assertThat(changelog.substring(0, heading.start())).as("nothing unreleased above a release").doesNotContain("## Unreleased");
        } else {
            assertThat(heading.group(1)).as("a snapshot's newest released entry is older than %s", release)
                    .isNotEqualTo(release);
        }
    }

    @Test
    void everyAdvisoryNamesAReleasedVersionThatFixesIt() throws IOException {
        String changelog = read("CHANGELOG.md");
        List<String> versions = new ArrayList<>();
        Matcher heading = VERSION_HEADING.matcher(changelog);
        while (heading.find()) {
            versions.add(heading.group(1));
        }
        int advisories = (int) changelog.lines().filter(line -> line.startsWith("#### SZ-")).count();
        Matcher advisory = ADVISORY.matcher(changelog);
        int fixed = 0;
        while (advisory.find()) {
            fixed++;
            assertThat(versions).as("the version that fixes %s is a released version", advisory.group(1)).contains(advisory.group(2));
        }
        assertThat(advisories).isPositive();
        assertThat(fixed).as("every advisory starts with '**Fixed in:** X.Y.Z.'").isEqualTo(advisories);
    }

    @Test
    void securityMdSupportsThisMinorLine() throws IOException {
        Matcher semver = revision();
        String table = read("SECURITY.md").split("## Supported versions", 2)[1];
        Matcher firstRow = Pattern.compile("^\\| (\\d+\\.\\d+)\\.x \\|.*\\| yes \\|$", Pattern.MULTILINE).matcher(table);
        assertThat(firstRow.find()).as("SECURITY.md's table has a supported row").isTrue();
        assertThat(firstRow.group(1)).isEqualTo(semver.group(1) + "." + semver.group(2));
    }
}
