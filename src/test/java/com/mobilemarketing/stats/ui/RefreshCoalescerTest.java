package com.mobilemarketing.stats.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefreshCoalescerTest {

    private record Scheduled(Runnable task, Duration delay, Future<?> future) {}

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger refreshes = new AtomicInteger();
    private final RefreshCoalescer coalescer = new RefreshCoalescer(
            Duration.ofSeconds(2),
            (task, delay) -> {
                var future = new CompletableFuture<Void>();
                scheduled.add(new Scheduled(task, delay, future));
                return future;
            },
            nanos::get,
            refreshes::incrementAndGet);

    @Test
    void aBurstOfChangesGivesOneRefresh() {
        for (int i = 0; i < 100; i++) {
            coalescer.request();
        }
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.getFirst().delay()).isZero();
        scheduled.getFirst().task().run();
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void theNextRefreshWaitsUntilTheIntervalIsOver() {
        coalescer.request();
        scheduled.removeFirst().task().run();
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        coalescer.request();
        coalescer.request();
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.getFirst().delay()).isEqualTo(Duration.ofMillis(1500));
        nanos.addAndGet(Duration.ofMillis(1500).toNanos());
        scheduled.removeFirst().task().run();
        assertThat(refreshes).hasValue(2);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        coalescer.request();
        assertThat(scheduled.getFirst().delay()).isZero();
    }

    @Test
    void cancelStopsThePendingRefresh() {
        coalescer.request();
        coalescer.cancel();
        assertThat(scheduled.getFirst().future().isCancelled()).isTrue();
        coalescer.request();
        assertThat(scheduled).hasSize(2);
    }
}
