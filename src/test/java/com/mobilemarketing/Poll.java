package com.mobilemarketing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tests' one way to wait for background work (the fold, an export worker, a live refresh):
 * read a value until it is done or the time is up, running {@code between} after each miss (e.g.
 * Karibu's UI queue, so pushed changes reach the mocked UI). The caller asserts on the value.
 */
public final class Poll {

    /** Long enough for a loaded build machine, short enough that a broken test fails soon. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How long a wait sleeps between two reads. */
    public static final Duration PAUSE = Duration.ofMillis(20);

    private Poll() {}

    /** The first value that is {@code done}, or the last one read when the time is up. */
    public static <T> T until(Supplier<T> value, Predicate<? super T> done, Runnable between) {
        return until(TIMEOUT, value, done, between);
    }

    public static <T> T until(Duration timeout, Supplier<T> value, Predicate<? super T> done, Runnable between) {
        return until(timeout, PAUSE, value, done, between);
    }

    /** As above, reading every {@code pause}: a benchmark that must not charge its own polling to the work. */
    public static <T> T until(
            Duration timeout, Duration pause, Supplier<T> value, Predicate<? super T> done, Runnable between) {
        var deadline = System.nanoTime() + timeout.toNanos();
        var current = value.get();
        while (!done.test(current) && System.nanoTime() < deadline) {
            between.run();
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting", e);
            }
            current = value.get();
        }
        return current;
    }
}
