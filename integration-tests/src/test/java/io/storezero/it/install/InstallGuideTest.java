package io.storezero.it.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storezero.it.support.ProjectRoot;
import org.junit.jupiter.api.Test;

/** INSTALL.md's shape, as InstallRecipeIT reads it: checked in seconds, before the long install run. */
class InstallGuideTest {

    @Test
    void givenTheShippedGuide_thenEachSectionWithCommandsHasOneBlockToRun() {
        InstallGuide guide = InstallGuide.read(ProjectRoot.get().resolve("release/src/dist/INSTALL.md"));

        assertThat(guide.sectionsWithCommands()).containsExactly("1. Copy the jars and build",
                "Try it locally first (no Facebook account needed)", "2. Import the realm", "3. Start", "4. Check that it worked");
        assertThat(guide.section("1.").command()).contains("kc.sh\" build");
        assertThat(guide.section("Try it locally").command()).contains("realms/simulated/", "start --optimized");
        assertThat(guide.section("3.").command()).contains("start --optimized");
        assertThat(guide.section("4.").output()).contains("web_message");
    }

    @Test
    void givenASectionWithTwoCommandBlocks_thenReadingItFailsRatherThanSkipOne() {
        InstallGuide guide = InstallGuide.parse("## 1. Build\n\n```bash\necho one\n```\n\n```bash\necho two\n```\n");

        assertThatThrownBy(() -> guide.section("1.").command()).isInstanceOf(AssertionError.class).hasMessageContaining("2 bash blocks");
    }
}
