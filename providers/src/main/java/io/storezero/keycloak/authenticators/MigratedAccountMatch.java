package io.storezero.keycloak.authenticators;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a lookup by upstream user id found: no account, exactly one, or more than one (never linked: the
 * attribute is supposed to be unique, and guessing would hand one person's account to another).
 * Candidates whose attribute is not exactly the value are dropped, whatever the user store's search matched
 * (case-insensitive or prefix matching must not widen the match).
 */
record MigratedAccountMatch<T>(List<T> accounts) {

    enum Outcome { NONE, ONE, AMBIGUOUS }

    static <T> MigratedAccountMatch<T> of(Stream<T> candidates, Function<T, List<String>> attributeValues, String value) {
        Objects.requireNonNull(value, "value");
        return new MigratedAccountMatch<>(candidates.filter(c -> attributeValues.apply(c).contains(value)).limit(2).toList());
    }

    Outcome outcome() {
        return switch (accounts.size()) {
            case 0 -> Outcome.NONE;
            case 1 -> Outcome.ONE;
            default -> Outcome.AMBIGUOUS;
        };
    }

    T account() {
        if (outcome() != Outcome.ONE) {
            throw new IllegalStateException("no single account: " + outcome());
        }
        return accounts.get(0);
    }
}
