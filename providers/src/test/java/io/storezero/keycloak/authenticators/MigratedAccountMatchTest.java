package io.storezero.keycloak.authenticators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class MigratedAccountMatchTest {

    private static final String VALUE = "facebook|10157";

    @Test
    void givenNoCandidate_thenNone() {
        assertThat(match().outcome()).isEqualTo(MigratedAccountMatch.Outcome.NONE);
    }

    @Test
    void givenOneCandidateWithExactlyTheValue_thenThatAccount() {
        MigratedAccountMatch<Map<String, List<String>>> match = match(Map.of("id", List.of("a"), "upstream", List.of(VALUE)));

        assertThat(match.outcome()).isEqualTo(MigratedAccountMatch.Outcome.ONE);
        assertThat(match.account().get("id")).containsExactly("a");
    }

    @Test
    void givenCandidatesTheStoreMatchedLoosely_thenTheyAreNotAccounts() {
        // A user store may compare case-insensitively; FACEBOOK|10157 is somebody else's id.
        assertThat(match(Map.of("upstream", List.of("FACEBOOK|10157")), Map.of("upstream", List.of("facebook|101577"))).outcome())
                .isEqualTo(MigratedAccountMatch.Outcome.NONE);
    }

    @Test
    void givenTwoAccountsWithTheValue_thenAmbiguousAndNoAccountIsHandedOut() {
        MigratedAccountMatch<Map<String, List<String>>> match = match(
                Map.of("upstream", List.of(VALUE)), Map.of("upstream", List.of("other", VALUE)));

        assertThat(match.outcome()).isEqualTo(MigratedAccountMatch.Outcome.AMBIGUOUS);
        assertThatThrownBy(match::account).isInstanceOf(IllegalStateException.class);
    }

    @SafeVarargs
    private static MigratedAccountMatch<Map<String, List<String>>> match(Map<String, List<String>>... users) {
        return MigratedAccountMatch.of(Stream.of(users), user -> user.getOrDefault("upstream", List.of()), VALUE);
    }
}
