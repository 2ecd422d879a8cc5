package com.mobilemarketing.ingest.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The senders: callback {@code i} of the plan is due at {@code start + i / rate}; each thread takes
 * the next due callback (a due retry first) and sends it over its own keep-alive connection. A
 * callback that got no answer or a 5xx is retried later with a growing pause, like a provider
 * does, until it is accepted or the run ends; only a 2xx counts as accepted. Behind schedule (after
 * an outage) the threads send as fast as the app answers.
 */
final class CallbackLoad {

    private static final long MAX_BACKOFF_NANOS = 2_000_000_000L;
    private static final long FIRST_BACKOFF_NANOS = 250_000_000L;
    /** A sender that could not reach the app pauses this long, so an outage does not burn the CPU. */
    private static final long PAUSE_AFTER_ERROR_NANOS = 20_000_000L;

    private record Retry(int index, long due, int attempt) {}

    private final CallbackPlan plan;
    private final InetSocketAddress address;
    private final int rate;
    private final int threads;
    private final long start;
    private final long end;

    private final AtomicInteger next = new AtomicInteger();
    private final PriorityBlockingQueue<Retry> retries =
            new PriorityBlockingQueue<>(1024, (a, b) -> Long.compare(a.due(), b.due()));
    /** Written by the sender of a callback, read after the senders were joined. */
    private final boolean[] accepted;

    private final long[][] latencies;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong acceptedAfterRetry = new AtomicLong();
    private final AtomicLong firstSends = new AtomicLong();
    private final AtomicLong acceptedSoFar = new AtomicLong();
    private final AtomicLong firstAcceptedAfterRestart = new AtomicLong();
    private volatile long killedAt;
    private volatile long restartedAt;
    /** Provider id of a probe: its 2xx time, and the time the sampler saw it in the recipient (0 = not yet). */
    private final Map<String, long[]> probes = new ConcurrentHashMap<>();

    private final List<Thread> senders = new ArrayList<>();
    private long stopped;

    CallbackLoad(CallbackPlan plan, InetSocketAddress address, int rate, int threads, long start, long end) {
        this.plan = plan;
        this.address = address;
        this.rate = rate;
        this.threads = threads;
        this.start = start;
        this.end = end;
        this.accepted = new boolean[plan.size()];
        this.latencies = new long[threads][];
    }

    void start() {
        for (int t = 0; t < threads; t++) {
            int index = t;
            senders.add(Thread.ofPlatform().name("sender-" + t).start(() -> send(index)));
        }
    }

    void awaitEnd() throws InterruptedException {
        for (var sender : senders) {
            sender.join();
        }
        stopped = System.nanoTime();
    }

    /** The app was killed at {@code killedAt} and a new one started at {@code restartedAt}: its first 2xx ends the outage. */
    void restarting(long killedAt, long restartedAt) {
        this.killedAt = killedAt;
        this.restartedAt = restartedAt;
    }

    private void send(int thread) {
        var times = new long[Math.max(1024, plan.size() / threads + 1024)];
        int answered = 0;
        try (var connection = new KeepAliveConnection(address, 30_000)) {
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                int index;
                int attempt;
                var retry = dueRetry(now);
                if (retry != null) {
                    index = retry.index();
                    attempt = retry.attempt();
                } else {
                    index = freshIndex();
                    attempt = 0;
                    if (index < 0) {
                        LockSupport.parkNanos(5_000_000L); // nothing new: wait for retries
                        continue;
                    }
                    firstSends.incrementAndGet();
                    long wait = due(index) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                attempts.incrementAndGet();
                long sent = System.nanoTime();
                int status;
                try {
                    status = connection.exchange(plan.request(index));
                } catch (IOException e) {
                    ioErrors.incrementAndGet();
                    retryLater(index, attempt);
                    LockSupport.parkNanos(PAUSE_AFTER_ERROR_NANOS);
                    continue;
                }
                long answeredAt = System.nanoTime();
                if (status >= 200 && status < 300) {
                    accepted[index] = true;
                    acceptedSoFar.incrementAndGet();
                    if (attempt > 0) {
                        acceptedAfterRetry.incrementAndGet();
                    }
                    if (restartedAt != 0 && answeredAt > restartedAt) {
                        firstAcceptedAfterRestart.compareAndSet(0, answeredAt);
                    }
                    if (answered == times.length) {
                        times = Arrays.copyOf(times, times.length * 2);
                    }
                    times[answered++] = answeredAt - sent;
                    if (plan.isProbe(index)) {
                        probes.put(plan.providerId(index), new long[] {answeredAt, 0});
                    }
                } else if (status >= 500) {
                    unavailable.incrementAndGet();
                    retryLater(index, attempt);
                    LockSupport.parkNanos(PAUSE_AFTER_ERROR_NANOS);
                } else {
                    refused.incrementAndGet(); // a bug of the benchmark or the app: never retried
                }
            }
        }
        latencies[thread] = Arrays.copyOf(times, answered);
    }

    private Retry dueRetry(long now) {
        var head = retries.peek();
        if (head == null || head.due() > now) {
            return null;
        }
        var taken = retries.poll();
        if (taken != null && taken.due() > now) {
            retries.add(taken); // another sender took the due one meanwhile
            return null;
        }
        return taken;
    }

    /** The next callback not sent yet, or -1 when the plan is exhausted or would be due after the end. */
    private int freshIndex() {
        if (next.get() >= plan.size()) {
            return -1;
        }
        int index = next.getAndIncrement();
        return index < plan.size() && due(index) < end ? index : -1;
    }

    private long due(int index) {
        return start + index * 1_000_000_000L / rate;
    }

    private void retryLater(int index, int attempt) {
        long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(attempt, 10));
        retries.add(new Retry(index, System.nanoTime() + backoff, attempt + 1));
    }

    /** 2xx answers so far, while the load runs. */
    long acceptedSoFar() {
        return acceptedSoFar.get();
    }

    // ------------------------------------------------------------------ results, after awaitEnd()

    boolean accepted(int index) {
        return accepted[index];
    }

    long acceptedCount() {
        long n = 0;
        for (boolean a : accepted) {
            if (a) {
                n++;
            }
        }
        return n;
    }

    /** Callbacks sent at least once. */
    long sentCount() {
        return firstSends.get();
    }

    /** Callbacks that failed and were still waiting for their retry when the run ended. */
    long awaitingRetry() {
        return retries.size();
    }

    long[] sortedLatencies() {
        return Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    }

    double elapsedSeconds() {
        return (stopped - start) / 1e9;
    }

    long attempts() {
        return attempts.get();
    }

    long refused() {
        return refused.get();
    }

    long unavailable() {
        return unavailable.get();
    }

    long ioErrors() {
        return ioErrors.get();
    }

    long acceptedAfterRetry() {
        return acceptedAfterRetry.get();
    }

    /** When the app was killed (System.nanoTime), or 0. */
    long killedAt() {
        return killedAt;
    }

    /** Nanoseconds from the kill to the first 2xx of the new app, or -1. */
    long outageNanos() {
        long first = firstAcceptedAfterRestart.get();
        return killedAt == 0 || first == 0 ? -1 : first - killedAt;
    }

    Map<String, long[]> probes() {
        return probes;
    }
}
