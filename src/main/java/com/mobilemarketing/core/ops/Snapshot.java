package com.mobilemarketing.core.ops;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read from the database at most once per time-to-live, shared by the health indicators
 * and the gauges that show it. A failed reading is not kept: the next caller tries again.
 */
public final class Snapshot<T> {

    private final Supplier<T> reader;
    private final long ttlNanos;
    private volatile T value;
    private volatile long readAt;

    public Snapshot(Supplier<T> reader, Duration ttl) {
        this.reader = reader;
        this.ttlNanos = ttl.toNanos();
    }

    public T get() {
        var current = value;
        if (current != null && System.nanoTime() - readAt < ttlNanos) {
            return current;
        }
        synchronized (this) {
            if (value != null && System.nanoTime() - readAt < ttlNanos) {
                return value;
            }
            var fresh = reader.get();
            value = fresh;
            readAt = System.nanoTime();
            return fresh;
        }
    }
}
