package com.mobilemarketing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The old generation's growth while a piece of work runs: what the work could keep alive (young
 * garbage comes and goes). Sampled every 20 ms from {@link #start()} until {@link #stop()}, which
 * gives the peak growth and the growth left after a full collection.
 */
public final class OldGenProbe {

    /** Growth over the baseline, in bytes: the highest sample and what remained after a collection. */
    public record Growth(long peakBytes, long afterGcBytes) {}

    private final MemoryPoolMXBean oldGen;
    private final long baseline;
    private final AtomicLong peak;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;

    private OldGenProbe() {
        oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool ->
                        pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
                .findFirst()
                .orElseThrow();
        System.gc();
        baseline = oldGen.getUsage().getUsed();
        peak = new AtomicLong(baseline);
        sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(oldGen.getUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Collects, takes the baseline and starts sampling. */
    public static OldGenProbe start() {
        return new OldGenProbe();
    }

    /** Stops sampling, collects and returns the growth over the baseline. */
    public Growth stop() throws InterruptedException {
        running.set(false);
        sampler.join();
        System.gc();
        return new Growth(peak.get() - baseline, oldGen.getUsage().getUsed() - baseline);
    }
}
