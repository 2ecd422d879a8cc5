package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The group commit's batching: what waits for company, for how long, and what a caller waits for. */
class GroupCommitTest {

    /**
     * Writes nothing: records each batch and answers every request with its own text. A batch that
     * holds "boom" throws, as a write that runs out of memory would.
     */
    private static class Recording extends GroupCommit<String, String> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch writable = new CountDownLatch(1);

        Recording(long lingerMs, int lingerRows, long timeoutMs, boolean blocked) {
            this(lingerMs, lingerMs, lingerRows, timeoutMs, blocked);
        }

        Recording(long lingerMs, long lingerMaxMs, int lingerRows, long timeoutMs, boolean blocked) {
            this(lingerMs, lingerMaxMs, lingerRows, lingerRows, timeoutMs, blocked);
        }

        Recording(long lingerMs, long lingerMaxMs, int lingerRows, int lingerRowsMax, long timeoutMs, boolean blocked) {
            super("test-writer", 1, 100, lingerMs, lingerMaxMs, lingerRows, lingerRowsMax, 1000, timeoutMs);
            if (!blocked) {
                writable.countDown();
            }
        }

        @Override
        protected List<String> write(List<String> requests) {
            if (requests.contains("boom")) {
                throw new OutOfMemoryError("a test's");
            }
            try {
                writable.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(List.copyOf(requests));
            return requests;
        }
    }

    @Test
    void aWriteThatThrowsAnErrorAnswersItsRequestsNotStoredAndTheWriterGoesOn() throws Exception {
        var writer = new Recording(0, 1, 10_000, false);
        writer.start();
        try {
            var failed = writer.submitAsync("boom", 1);
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
                    .as("answered, not left waiting")
                    .hasCauseInstanceOf(GroupCommit.NotStoredException.class);
            assertThat(writer.submitAsync("after", 1).get(5, TimeUnit.SECONDS)).isEqualTo("after");
        } finally {
            writer.stop();
        }
        assertThat(writer.batches).containsExactly(List.of("after"));
    }

    @Test
    void aBatchThatFailsAfterItsRequestsTimedOutIsNotRetriedOneByOne() throws Exception {
        var firstWritten = new CountDownLatch(1);
        var outageOver = new CountDownLatch(1);
        var writer = new Recording(0, 8, 300, true) {
            @Override
            protected List<String> write(List<String> requests) {
                var written = super.write(requests);
                if (requests.size() > 1) { // an outage: the batch's write hangs, then fails
                    try {
                        outageOver.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("connection lost");
                }
                firstWritten.countDown();
                return written;
            }
        };
        writer.start();
        try {
            var first = writer.submitAsync("first", 1);
            Thread.sleep(50); // "first" is in its write; "x" and "y" queue up behind it
            var late = List.of(writer.submitAsync("x", 1), writer.submitAsync("y", 1));
            writer.writable.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(firstWritten.await(5, TimeUnit.SECONDS)).isTrue();
            for (var future : late) { // in the hanging write past their timeout
                assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(GroupCommit.NotStoredException.class)
                        .hasMessageContaining("300 ms");
            }
            outageOver.countDown();
            assertThat(writer.submit("z", 1)).isEqualTo("z");
        } finally {
            outageOver.countDown();
            writer.stop();
        }
        assertThat(writer.batches)
                .as("their callers were told \"not stored\": not written one by one after the batch failed")
                .containsExactly(List.of("first"), List.of("x", "y"), List.of("z"));
    }

    @Test
    void aStopWithSeveralWritersStopsThemAll() throws Exception {
        var inWrite = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var writer = new GroupCommit<String, String>("two-writers", 2, 100, 0, 0, 1, 1, 1000, 10_000) {
            @Override
            protected List<String> write(List<String> requests) {
                inWrite.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return requests;
            }
        };
        writer.start();
        var slow = writer.submitAsync("slow", 1);
        assertThat(inWrite.await(5, TimeUnit.SECONDS)).isTrue();
        // One writer is in a write, the other idle: the idle one takes its stop marker first.
        var stopping = Thread.ofPlatform().start(writer::stop);
        Thread.sleep(200);
        release.countDown();
        stopping.join(10_000);
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
        assertThat(awaitState("two-writers-0", Thread.State.TERMINATED)).isTrue();
        assertThat(awaitState("two-writers-1", Thread.State.TERMINATED))
                .as("the writer that was busy found its stop marker")
                .isTrue();
    }

    @Test
    void aRequestThatComesWithinTheLingerIsWrittenInTheSameBatch() throws Exception {
        var writer = new Recording(2_000, 8, 10_000, false);
        writer.start();
        try {
            var first = writer.submitAsync("a", 1);
            Thread.sleep(100);
            assertThat(first).as("the lone request waits for company").isNotDone();
            var second = writer.submitAsync("b", 1);
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("b");
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a");
        } finally {
            writer.stop();
        }
        // Still within the 2 s linger when "b" came: one batch, one commit.
        assertThat(writer.batches).containsExactly(List.of("a", "b"));
    }

    @Test
    void aBatchWaitsAgainAfterEachRequestThatComesButNotLongerThanItsMaximumInAll() throws Exception {
        // 1.5 s for the next request, 2.5 s in all: "b" and "c" come 1 s apart and join "a"'s batch
        // (which a fixed 1.5 s wait would have closed before "c"); "d", 3 s after "a", is too late.
        var writer = new Recording(1_500, 2_500, 8, 20_000, false);
        writer.start();
        try {
            var a = writer.submitAsync("a", 1);
            Thread.sleep(1_000);
            var b = writer.submitAsync("b", 1);
            Thread.sleep(1_000);
            var c = writer.submitAsync("c", 1);
            Thread.sleep(1_000);
            var d = writer.submitAsync("d", 1);
            assertThat(List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS), c.get(10, TimeUnit.SECONDS)))
                    .containsExactly("a", "b", "c");
            assertThat(d.get(10, TimeUnit.SECONDS)).isEqualTo("d");
        } finally {
            writer.stop();
        }
        assertThat(writer.batches).containsExactly(List.of("a", "b", "c"), List.of("d"));
    }

    @Test
    void requestsThatComeWhileABatchWaitsDoNotWakeTheWriterOneByOne() throws Exception {
        // Five requests 100 ms apart within a 1 s linger, eight rows to stop at: one batch, written
        // a second after the last. The writer sleeps until then; waking per request (as it did with a
        // timed poll of the queue) would be at least four wake-ups.
        var writer = new Recording(1_000, 5_000, 8, 20_000, false);
        writer.start();
        try {
            var answers = new ArrayList<CompletableFuture<String>>();
            for (var request : List.of("a", "b", "c", "d", "e")) {
                answers.add(writer.submitAsync(request, 1));
                Thread.sleep(100);
            }
            for (var answer : answers) {
                answer.get(10, TimeUnit.SECONDS);
            }
        } finally {
            writer.stop();
        }
        assertThat(writer.batches).containsExactly(List.of("a", "b", "c", "d", "e"));
        assertThat(writer.lingerWakeups()).isLessThanOrEqualTo(2);
    }

    @Test
    void aBatchStopsWaitingOnceItHoldsTheLingerRows() throws Exception {
        var writer = new Recording(60_000, 2, 120_000, false);
        writer.start();
        try {
            long started = System.nanoTime();
            var first = writer.submitAsync("a", 1);
            var second = writer.submitAsync("b", 1);
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("a");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("b");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("written at two rows, not after the minute's linger")
                    .isLessThan(Duration.ofSeconds(10));
        } finally {
            writer.stop();
        }
        assertThat(writer.batches).containsExactly(List.of("a", "b"));
    }

    @Test
    void atAHighRateABatchHoldsWhatComesWithinTheLingerUpToItsMaximum() throws Exception {
        // A request every 5 ms for 1.5 s, not waiting for answers; 200 ms for the next request, 1 s
        // in all, 2 rows to stop at. With up to 32 a batch holds what comes in a second, up to 32;
        // with the maximum at 2 it stops at 2 as before.
        assertThat(meanBatch(32)).isGreaterThan(12);
        assertThat(meanBatch(2)).isLessThan(4);
    }

    /**
     * The mean size of the batches of 300 requests posted 5 ms apart, over the last half: the usual
     * gap between requests is a moving average, which the first ones bring down from the linger.
     */
    private static double meanBatch(int lingerRowsMax) throws Exception {
        var writer = new Recording(200, 1_000, 2, lingerRowsMax, 20_000, false);
        writer.start();
        try {
            var answers = new ArrayList<CompletableFuture<String>>();
            long next = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                answers.add(writer.submitAsync(String.valueOf(i), 1));
                next += TimeUnit.MILLISECONDS.toNanos(5);
                LockSupport.parkNanos(next - System.nanoTime());
            }
            for (var answer : answers) {
                answer.get(10, TimeUnit.SECONDS);
            }
        } finally {
            writer.stop();
        }
        var lastHalf = writer.batches.stream()
                .filter(batch -> Integer.parseInt(batch.getFirst()) >= 150)
                .toList();
        return lastHalf.stream().mapToInt(List::size).average().orElseThrow();
    }

    @Test
    void withoutALingerALoneRequestIsWrittenAtOnce() throws Exception {
        var writer = new Recording(0, 8, 10_000, false);
        writer.start();
        try {
            assertThat(writer.submit("a", 1)).isEqualTo("a");
        } finally {
            writer.stop();
        }
        assertThat(writer.batches).containsExactly(List.of("a"));
    }

    @Test
    void aCallerThatWaitsLongerThanTheTimeoutIsToldItsRequestIsNotStored() {
        var writer = new Recording(0, 8, 200, true);
        writer.start();
        try {
            assertThatThrownBy(() -> writer.submit("a", 1))
                    .isInstanceOf(GroupCommit.NotStoredException.class)
                    .hasMessageContaining("200 ms");
        } finally {
            writer.writable.countDown();
            writer.stop();
        }
    }

    @Test
    void anAsynchronousRequestThatIsNotCommittedWithinTheTimeoutFailsAndOneStillQueuedIsNeverWritten()
            throws Exception {
        var writer = new Recording(0, 8, 400, true);
        writer.start();
        try {
            var stuck = writer.submitAsync("a", 1);
            Thread.sleep(100); // "a" is being written (the write blocks); "b" waits in the queue
            var queued = writer.submitAsync("b", 1);
            for (var future : List.of(stuck, queued)) {
                assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(GroupCommit.NotStoredException.class)
                        .hasMessageContaining("400 ms");
            }
            writer.writable.countDown();
            assertThat(writer.submit("c", 1)).isEqualTo("c");
        } finally {
            writer.writable.countDown();
            writer.stop();
        }
        // "a" was in the write when it timed out, so it may commit; "b" timed out while queued and
        // was dropped, as its caller was told it was not stored.
        assertThat(writer.batches).containsExactly(List.of("a"), List.of("c"));
    }

    @Test
    void theWatchdogSleepsUntilARequestComes() throws Exception {
        var writer = new Recording(0, 8, 200, false);
        writer.start();
        try {
            assertThat(writer.submitAsync("a", 1).get(5, TimeUnit.SECONDS)).isEqualTo("a");
            // It looks every 50 ms (a quarter of the timeout) while requests come, then sleeps.
            assertThat(awaitState("test-writer-watchdog", Thread.State.WAITING))
                    .as("asleep without a timeout")
                    .isTrue();
            assertThat(writer.submitAsync("b", 1).get(5, TimeUnit.SECONDS)).isEqualTo("b");
        } finally {
            writer.stop();
        }
        assertThat(awaitState("test-writer-watchdog", Thread.State.TERMINATED)).isTrue();
    }

    @Test
    void everyRequestLeavesTheUnansweredCountWhicheverWayItIsAnswered() throws Exception {
        // The watchdog sleeps only when no request is unanswered; one that never left the count
        // would keep it looking four times a timeout for good, traffic or not.
        var writer = new Recording(0, 8, 300, true);
        writer.start();
        try {
            var stuck = writer.submitAsync("a", 1); // its write waits until the test lets it
            Thread.sleep(100);
            var queued = writer.submitAsync("b", 1); // times out in the queue
            assertThat(writer.unanswered()).isEqualTo(2);
            for (var future : List.of(stuck, queued)) {
                assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(GroupCommit.NotStoredException.class);
            }
            writer.writable.countDown();
            var failed = writer.submitAsync("boom", 1); // its write throws
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(GroupCommit.NotStoredException.class);
            assertThat(writer.submitAsync("c", 1).get(5, TimeUnit.SECONDS)).isEqualTo("c");
            assertThat(writer.unanswered()).isZero();
            assertThat(awaitState("test-writer-watchdog", Thread.State.WAITING))
                    .as("asleep again once all are answered")
                    .isTrue();
        } finally {
            writer.writable.countDown();
            writer.stop();
        }
        var refused = writer.submitAsync("d", 1); // after the stop
        assertThat(refused).isCompletedExceptionally();
        assertThat(writer.unanswered()).isZero();
    }

    private static boolean awaitState(String threadName, Thread.State state) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(threadName))
                    .findFirst();
            if (thread.map(t -> t.getState() == state).orElse(state == Thread.State.TERMINATED)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
