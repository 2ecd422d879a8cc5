package com.mobilemarketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;

/**
 * Two transactions on the same rows, each on a thread of its own: the first ({@code holder}) holds its
 * locks until {@code release} is counted down; the second ({@code waiter}) must wait for it.
 */
public final class Contention {

    private Contention() {}

    /**
     * Asserts that {@code waiter} is still blocked 300 ms after it was started, then lets {@code holder}
     * finish and returns what {@code waiter} returned once it could go on.
     */
    public static <T> T waitsFor(Future<?> holder, CountDownLatch release, Future<T> waiter) throws Exception {
        try {
            Thread.sleep(300);
            assertThat(waiter.isDone()).isFalse();
        } finally {
            release.countDown();
        }
        holder.get(30, TimeUnit.SECONDS);
        return waiter.get(30, TimeUnit.SECONDS);
    }

    /**
     * Waits (at most 30 s) until some session waits for a lock of the kind, {@code pg_stat_activity}'s
     * {@code wait_event} ("advisory", "relation", "transactionid", ...).
     */
    public static void awaitLockWait(DSLContext db, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.fetchSingle(
                                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and wait_event = ?",
                                kind)
                        .get(0, Long.class)
                == 0) {
            assertThat(System.nanoTime()).as("a session waits for a lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
