package com.mobilemarketing.bench;

import java.lang.management.ManagementFactory;

/** Live heap: used heap right after a full collection (twice, so finalisable garbage is gone too). */
final class Heap {

    private Heap() {}

    static long liveBytes() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
