package com.mobilemarketing.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.Poll;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Background work that backs off while it finds nothing and still runs at once when woken. */
class WakeableTaskTest {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicLong lastRun = new AtomicLong();
    private final AtomicBoolean findsWork = new AtomicBoolean();

    private WakeableTask task(Duration wakeGap, Duration firstWait, Duration maxWait) {
        return new WakeableTask(
                "test",
                executor,
                () -> {
                    runs.incrementAndGet();
                    lastRun.set(System.nanoTime());
                    return findsWork.get();
                },
                wakeGap,
                firstWait,
                maxWait);
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void whileItFindsNothingTheWaitDoublesUpToTheMaximum() throws Exception {
        var task = task(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(320));
        task.start(Duration.ZERO);
        Thread.sleep(1500);
        task.stop();
        // Waits of 20, 40, ..., 320, 320 ms: about nine runs in 1.5 s; a fixed 10 ms timer makes 150.
        assertThat(runs.get()).isBetween(3, 15);
        assertThat(task.currentWait()).isEqualTo(Duration.ofMillis(320));
    }

    @Test
    void wokenAfterAQuietTimeItRunsAtOnceAndThenLooksAgainSoon() throws Exception {
        var task = task(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(60));
        task.start(Duration.ZERO);
        // Quiet: the wait grows far beyond anything the test waits for.
        assertThat(Poll.until(task::currentWait, w -> w.compareTo(Duration.ofSeconds(1)) >= 0, () -> {}))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        int before = runs.get();
        findsWork.set(true);
        long woken = System.nanoTime();
        task.wake();
        Poll.until(Duration.ofSeconds(5), runs::get, n -> n > before, () -> {});
        assertThat(runs.get()).isGreaterThan(before);
        assertThat(Duration.ofNanos(lastRun.get() - woken)).isLessThan(Duration.ofSeconds(1));
        // Work found: it runs again after the first wait, not after the long idle one.
        int afterWake = runs.get();
        Poll.until(Duration.ofSeconds(5), runs::get, n -> n > afterWake + 2, () -> {});
        assertThat(runs.get()).isGreaterThan(afterWake + 2);
        task.stop();
    }

    @Test
    void wakesWhileBusyAreNotLostAndNeverOverlap() throws Exception {
        var inside = new AtomicInteger();
        var overlapped = new AtomicBoolean();
        var task = new WakeableTask(
                "test",
                executor,
                () -> {
                    if (inside.incrementAndGet() > 1) {
                        overlapped.set(true);
                    }
                    runs.incrementAndGet();
                    try {
                        Thread.sleep(30);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inside.decrementAndGet();
                    return false;
                },
                Duration.ZERO,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60));
        task.start(Duration.ZERO);
        for (int i = 0; i < 50; i++) {
            task.wake();
            Thread.sleep(2);
        }
        // A wake during a run is answered by one more run right after it.
        Thread.sleep(300);
        int settled = runs.get();
        assertThat(settled).isBetween(2, 51);
        assertThat(overlapped).isFalse();
        Thread.sleep(300);
        assertThat(runs.get()).as("nothing left scheduled soon").isEqualTo(settled);
        task.stop();
    }

    @Test
    void whileWorkKeepsComingAWakeWaitsOutTheGapUnlessItIsUrgent() throws Exception {
        findsWork.set(true);
        var task = task(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60));
        task.start(Duration.ZERO);
        Poll.until(Duration.ofSeconds(5), runs::get, n -> n == 1, () -> {});
        assertThat(runs.get()).isEqualTo(1);
        // The run found work: a wake now waits for the gap after it, so arrivals are taken together.
        task.wake();
        Thread.sleep(300);
        assertThat(runs.get()).as("held back by the gap").isEqualTo(1);
        // Enough has arrived: run at once.
        long urged = System.nanoTime();
        task.wakeNow();
        Poll.until(Duration.ofSeconds(5), runs::get, n -> n == 2, () -> {});
        assertThat(runs.get()).isEqualTo(2);
        assertThat(Duration.ofNanos(lastRun.get() - urged)).isLessThan(Duration.ofSeconds(1));
        task.stop();
    }

    @Test
    void theGapCountsFromTheLastRunThatFoundWorkNotFromAnEmptyLook() throws Exception {
        var task = task(Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(60));
        task.start(Duration.ZERO);
        // Runs that find nothing: the looks back off; none of them starts the long gap.
        Poll.until(Duration.ofSeconds(5), runs::get, n -> n >= 3, () -> {});
        int before = runs.get();
        long woken = System.nanoTime();
        task.wake();
        Poll.until(Duration.ofSeconds(5), runs::get, n -> n > before, () -> {});
        assertThat(runs.get()).isGreaterThan(before);
        assertThat(Duration.ofNanos(lastRun.get() - woken)).isLessThan(Duration.ofSeconds(2));
        task.stop();
    }

    @Test
    void hurryBringsTheWaitBackToTheFirstOne() throws Exception {
        var task = task(Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(60));
        task.start(Duration.ZERO);
        assertThat(Poll.until(task::currentWait, w -> w.compareTo(Duration.ofSeconds(3)) >= 0, () -> {}))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        int before = runs.get();
        long hurried = System.nanoTime();
        task.hurry();
        Poll.until(Duration.ofSeconds(5), runs::get, n -> n > before, () -> {});
        assertThat(runs.get()).isGreaterThan(before);
        assertThat(Duration.ofNanos(lastRun.get() - hurried)).isLessThan(Duration.ofSeconds(2));
        task.stop();
    }
}
