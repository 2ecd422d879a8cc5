package com.mobilemarketing.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit: request threads hand their work to a few writer threads, each of which writes
 * everything waiting in one transaction and then answers every waiting request at once. A request
 * returns only after that commit, so a 2xx still means "stored"; a batch costs one commit and one
 * update of each rollup row it touches, however many requests it holds, which is what lets requests
 * that all touch the same rows (one account's counters) go faster than one commit each. If a batch
 * fails, its requests that have not timed out meanwhile are written one by one so that one bad
 * request fails alone.
 *
 * <p>A writer that finds fewer than {@code lingerRows} rows waiting waits for more before it writes:
 * up to {@code lingerMs} for the next request, and again after each that comes, but no longer than
 * {@code lingerMaxMs} in all. At a low rate each request would otherwise be a batch and a commit of
 * its own, which costs the database and the writer more than the request itself (docs/benchmarks.md,
 * "Callbacks at low rates"). Waiting for the next request rather than for a fixed time lets a batch
 * fill to the same size at 500 callbacks a second as at 5 000, while a lone sender that waits for
 * each answer is held up by {@code lingerMs} only. It stops at {@code lingerRows}, not at a full
 * batch: by then the commit's own cost is shared, and a client that waits for its answers before it
 * sends more (a fixed number of connections) is not held up.
 *
 * <p>At higher rates the batch follows the rate: it stops at the requests that come in {@code
 * lingerMaxMs} (up to {@code lingerRowsMax}), and it waits for the next request three of the usual
 * gaps between requests (not more than {@code lingerMs}). The commit's own cost is a large part of
 * a request's in the database (at 5 000 callbacks/s, PostgreSQL used 129 µs per callback at 8 a
 * commit and 99 at 32; docs/benchmarks.md, "The size of a commit at 5 000/s"). A client whose
 * connections all wait for their answers sends nothing more, so the short wait lets its batch go
 * soon after its last request. The usual gap is a moving average over the last sixteen or so
 * requests.
 *
 * <p>A request that is not committed within {@code timeoutMs} of its queueing is failed by one watchdog
 * thread, which looks at the oldest waiting request and each writer's batch a few times per timeout
 * while requests come, and sleeps while none do. No timer is scheduled and cancelled per request: a
 * per-request timer ({@code CompletableFuture.orTimeout}) woke the JDK's delay scheduler about once a
 * callback (docs/benchmarks.md, "One watchdog instead of a timer per callback"). A request that timed
 * out while still queued is not written.
 *
 * <p>Starts before and stops after the web server (phase below its MAX_VALUE - 1024), so no request
 * is cut off.
 *
 * @param <T> what one request hands over
 * @param <R> what one request gets back
 */
abstract class GroupCommit<T, R> implements SmartLifecycle {

    /** The write did not commit (database error, overload, shutdown): answer 503 so the provider retries. */
    static class NotStoredException extends RuntimeException {
        NotStoredException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** A queued request, and when it was queued ({@link System#nanoTime()}). */
    private record Pending<T, R>(T request, int size, long queuedAt, CompletableFuture<R> done) {}

    private final String name;
    private final int threads;
    private final int batchSize;
    private final long lingerNanos;
    private final long lingerMaxNanos;
    private final int lingerRows;
    private final int lingerRowsMax;
    private final long timeoutMs;
    /** How often the watchdog looks while requests come: a quarter of the timeout, at most a second. */
    private final long watchNanos;

    private final BlockingQueue<Pending<T, R>> queue;
    /** Put into the queue once per writer at stop: the writers block on the queue and never poll it. */
    private final Pending<T, R> stopMarker = new Pending<>(null, 0, 0, new CompletableFuture<>());

    private final List<Thread> writers = new ArrayList<>();
    /** One per writer: its wait for more requests and the batch it is filling or writing. */
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    private volatile @Nullable Thread watchdog;
    /** Whether the watchdog sleeps until a request comes (set before it looks at {@link #lastQueued}). */
    private volatile boolean watchdogAsleep;
    /**
     * Requests queued and not yet answered, in the queue, in a writer's hands or in its batch: the
     * watchdog sleeps only when there are none. The queue and the writers' batches alone do not tell:
     * a request a writer has just taken is in neither until the writer publishes its batch.
     */
    private final AtomicInteger unanswered = new AtomicInteger();
    /** When the latest request was queued ({@link System#nanoTime()}). */
    private volatile long lastQueued;
    /** The usual gap between requests in nanoseconds, a moving average (a lost update of a race does not matter). */
    private volatile long meanGapNanos;
    /** How often a waiting writer woke up (for tests: a request below the rows it stops at does not wake it). */
    private final AtomicLong lingerWakeups = new AtomicLong();

    private volatile boolean running;

    /**
     * A writer's wait for more requests (requests wake it only once {@code needed} of them are
     * queued) and, for the watchdog, the batch it is filling or writing (its first request while it
     * waits for more).
     */
    private static final class Waiter {
        final Thread thread;
        volatile int needed;
        volatile List<? extends Pending<?, ?>> writing = List.of();

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    /**
     * @param batchSize a batch closes when its requests' sizes reach this
     * @param lingerMs a batch of fewer than {@code lingerRows} rows waits this long at most for the
     *     next request (0: it is written at once)
     * @param lingerMaxMs how long a batch waits for more in all, counted from its first request
     * @param lingerRows rows at which a batch stops waiting for more
     * @param lingerRowsMax at higher rates a batch stops at the rows that come in {@code lingerMaxMs},
     *     up to this many (at least {@code lingerRows})
     * @param queueSize requests waiting for a writer at most; more get {@link NotStoredException}
     */
    GroupCommit(
            String name,
            int threads,
            int batchSize,
            long lingerMs,
            long lingerMaxMs,
            int lingerRows,
            int lingerRowsMax,
            int queueSize,
            long timeoutMs) {
        this.name = name;
        this.threads = threads;
        this.batchSize = batchSize;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMs);
        this.lingerMaxNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(lingerMs, lingerMaxMs));
        this.lingerRows = Math.min(lingerRows, batchSize);
        this.lingerRowsMax = Math.clamp(lingerRowsMax, this.lingerRows, batchSize);
        this.meanGapNanos = this.lingerMaxNanos;
        this.timeoutMs = timeoutMs;
        this.watchNanos = Math.clamp(TimeUnit.MILLISECONDS.toNanos(timeoutMs) / 4, 1, TimeUnit.SECONDS.toNanos(1));
        this.queue = new ArrayBlockingQueue<>(queueSize);
    }

    /** A group commit with the batch, wait, queue and timeout of the ingest settings. */
    GroupCommit(String name, int threads, IngestProperties properties) {
        this(
                name,
                threads,
                properties.writerBatch(),
                properties.writerLingerMs(),
                properties.writerLingerMaxMs(),
                properties.writerLingerRows(),
                properties.writerLingerRowsMax(),
                properties.writerQueue(),
                properties.writerTimeoutMs());
    }

    /** Writes the requests of one batch in one transaction; one result per request, in order. */
    protected abstract List<R> write(List<T> requests);

    /**
     * Writes the request (of {@code size} rows) in the next batch and returns its result once
     * committed (or {@link NotStoredException} after the timeout).
     */
    R submit(T request, int size) {
        var done = submitAsync(request, size);
        try {
            return done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotStoredException("not stored within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotStoredException("interrupted", e);
        } catch (ExecutionException e) {
            throw notStored(e.getCause());
        }
    }

    private static NotStoredException notStored(Throwable failure) {
        return failure instanceof NotStoredException notStored
                ? notStored
                : new NotStoredException("not stored", failure);
    }

    /**
     * Writes the request in the next batch; the future completes once it committed, or with a
     * {@link NotStoredException} (queue full, stopped, failed, or not committed within the timeout:
     * a timed-out write that was already in a batch may still commit later, and the provider's retry
     * is then a dropped duplicate). For callers that answer without holding a thread meanwhile.
     */
    CompletableFuture<R> submitAsync(T request, int size) {
        long now = System.nanoTime();
        var pending = new Pending<T, R>(request, size, now, new CompletableFuture<>());
        unanswered.incrementAndGet();
        pending.done().whenComplete((result, failure) -> unanswered.decrementAndGet());
        if (!running || !queue.offer(pending)) {
            pending.done().completeExceptionally(new NotStoredException("not accepting callbacks right now", null));
            return pending.done();
        }
        if (!running && queue.remove(pending)) {
            // Queued while a stop began: perhaps behind the writers' stop markers and after stop()
            // failed what was left, so nobody would answer it. Taken back unwritten.
            pending.done().completeExceptionally(new NotStoredException("shutting down", null));
            return pending.done();
        }
        long gap = Math.min(now - lastQueued, lingerMaxNanos);
        meanGapNanos += (gap - meanGapNanos) / 16;
        lastQueued = now;
        if (watchdogAsleep) {
            LockSupport.unpark(watchdog);
        }
        for (var waiter : waiters) {
            int needed = waiter.needed;
            if (needed > 0 && queue.size() >= needed) {
                LockSupport.unpark(waiter.thread);
            }
        }
        return pending.done();
    }

    private void writeLoop() {
        var waiter = new Waiter(Thread.currentThread());
        waiters.add(waiter);
        var batch = new ArrayList<Pending<T, R>>();
        boolean stopping = false;
        while (!stopping) {
            try {
                var first = queue.take();
                if (first == stopMarker) {
                    break;
                }
                batch.add(first);
                waiter.writing = List.of(first);
                stopping = linger(batch, first.size(), waiter);
                // Requests the watchdog failed while they were queued are not written: their callers
                // were told "not stored", and the provider retries them.
                batch.removeIf(pending -> pending.done().isDone());
                if (!batch.isEmpty()) {
                    waiter.writing = List.copyOf(batch);
                    writeBatch(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // Whatever the write threw (an out-of-memory error too), its requests are answered
                // "not stored" and the writer goes on: a writer that ended here left them, and every
                // request queued after them, without an answer, and its stop waiting forever.
                log.error("{}: a batch failed", name, e);
                for (var pending : batch) {
                    pending.done().completeExceptionally(notStored(e));
                }
            } finally {
                waiter.writing = List.of();
                batch.clear();
            }
        }
        waiters.remove(waiter);
    }

    /**
     * Fills the batch: with what is queued, then, while it holds fewer rows than it stops at, with the
     * requests that come until none has come for {@code lingerMs} or three usual gaps, whichever is
     * shorter (at most {@code lingerMaxMs} after the first). It stops at {@code lingerRows} rows, or
     * at higher rates at those of {@code lingerMaxMs} at the usual gap, up to {@code lingerRowsMax}.
     * The writer sleeps until that moment rather than waking for each request: a request wakes it
     * only once enough are queued to reach the rows it stops at, so at a low rate a batch of eight
     * costs the writer a few wake-ups, not eight. Returns whether the stop marker was taken (the
     * batch is written first).
     */
    private boolean linger(List<Pending<T, R>> batch, int firstRows, Waiter waiter) throws InterruptedException {
        int rows = firstRows;
        long started = System.nanoTime();
        long limit = started + lingerMaxNanos;
        long gap = Math.max(meanGapNanos, 1);
        int stopRows = (int) Math.clamp(lingerMaxNanos / gap, lingerRows, lingerRowsMax);
        long wait = Math.min(lingerNanos, 3 * gap);
        while (rows < batchSize) {
            for (Pending<T, R> next; rows < batchSize && (next = queue.poll()) != null; ) {
                if (next == stopMarker) {
                    return true;
                }
                batch.add(next);
                rows += next.size();
            }
            if (rows >= batchSize || rows >= stopRows || lingerNanos == 0) {
                return false;
            }
            long until = Math.min(Math.max(lastQueued, started) + wait, limit);
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            // Published before the queue is looked at again, so a request queued meanwhile either
            // is seen here or sees the waiter and wakes it.
            waiter.needed = stopRows - rows;
            if (queue.size() < waiter.needed) {
                LockSupport.parkNanos(this, left);
                lingerWakeups.incrementAndGet();
            }
            waiter.needed = 0;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return false;
    }

    /** Requests queued and not yet answered. */
    int unanswered() {
        return unanswered.get();
    }

    /** How often a writer woke up while waiting for more requests (see {@link #linger}). */
    long lingerWakeups() {
        return lingerWakeups.get();
    }

    private void writeBatch(List<Pending<T, R>> batch) {
        try {
            complete(batch, write(batch.stream().map(Pending::request).toList()));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.warn("{}: could not store a request", name, e);
                batch.getFirst().done().completeExceptionally(notStored(e));
                return;
            }
            // One bad request must not fail the others: retry them one by one, but not those that
            // timed out meanwhile (after an outage, all of them): their callers were told "not
            // stored", and the provider retries them.
            for (var pending : batch) {
                if (pending.done().isDone()) {
                    continue;
                }
                try {
                    complete(List.of(pending), write(List.of(pending.request())));
                } catch (RuntimeException single) {
                    log.warn("{}: could not store a request", name, single);
                    pending.done().completeExceptionally(notStored(single));
                }
            }
        }
    }

    private void complete(List<Pending<T, R>> batch, List<R> results) {
        if (results.size() != batch.size()) {
            throw new IllegalStateException(
                    name + ": " + results.size() + " results for " + batch.size() + " requests");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results.get(i));
        }
    }

    /**
     * Fails the requests that were not committed within the timeout: the queued ones from the oldest
     * on, and the batches being written whose oldest request is that old. While requests come it
     * looks every {@code watchNanos}; once none came for a whole look, it sleeps until one comes.
     */
    private void watchLoop() {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (running) {
            var timeout = new NotStoredException("not stored within " + timeoutMs + " ms", null);
            long seen = lastQueued;
            long now = System.nanoTime();
            long deadline = now - timeoutNanos;
            for (var pending : queue) {
                if (pending == stopMarker || pending.queuedAt() - deadline > 0) {
                    break;
                }
                pending.done().completeExceptionally(timeout);
            }
            for (var waiter : waiters) {
                var writing = waiter.writing;
                if (!writing.isEmpty() && writing.getFirst().queuedAt() - deadline <= 0) {
                    writing.forEach(pending -> pending.done().completeExceptionally(timeout));
                }
            }
            LockSupport.parkNanos(this, watchNanos);
            if (lastQueued == seen && unanswered.get() == 0) {
                // Nothing came during the look and nothing waits: sleep until a request wakes us.
                watchdogAsleep = true;
                if (lastQueued == seen && running) {
                    LockSupport.park(this);
                }
                watchdogAsleep = false;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < threads; i++) {
            var thread = Thread.ofPlatform().name(name + "-" + i).daemon(true).unstarted(this::writeLoop);
            writers.add(thread);
            thread.start();
        }
        var watch = Thread.ofPlatform().name(name + "-watchdog").daemon(true).unstarted(this::watchLoop);
        watchdog = watch;
        watch.start();
    }

    /** Refuses new requests, writes those queued so far and stops the writers. */
    @Override
    public void stop() {
        running = false;
        LockSupport.unpark(watchdog);
        for (int i = 0; i < writers.size(); i++) {
            try {
                queue.put(stopMarker);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (var thread : writers) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
        // What came after the stop markers. Not done by the first writer that stops: it would take
        // the markers of the others, which then wait for one forever. The markers stay for a writer
        // still in a write after the join's timeout.
        var shuttingDown = new NotStoredException("shutting down", null);
        queue.removeIf(left -> {
            if (left == stopMarker) {
                return false;
            }
            left.done().completeExceptionally(shuttingDown);
            return true;
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
