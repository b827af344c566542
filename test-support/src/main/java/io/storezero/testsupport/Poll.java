package io.storezero.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.openqa.selenium.StaleElementReferenceException;

/**
 * Waiting for something a browser or server does on its own time, with a deadline instead of a sleep: a test waits
 * exactly as long as the thing takes, and a thing that never happens fails with what was awaited.
 */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {
    }

    /**
     * Calls {@code probe} until it answers non-null and answers that, or throws an {@link AssertionError} naming
     * {@code what} once {@code timeout} has passed. A probe that meets an element the page replaced meanwhile
     * ({@link StaleElementReferenceException}) just looks again.
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value;
            try {
                value = probe.get();
            } catch (StaleElementReferenceException e) {
                value = null;
            }
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
