package com.mobilemarketing.ingest.bench;

import java.util.Map;
import org.jooq.DSLContext;

/**
 * Rollup lag: every 50 ms, which probes (2xx answered "delivered" callbacks) the recipient state
 * shows by now. The recipient's delivered_at changes in the same transaction as the counters and
 * rollups, so this is the time from the answer to the numbers on the dashboard.
 */
final class LagSampler {

    private final DSLContext db;
    private final long accountId;
    private final Map<String, long[]> probes;
    private Thread thread;

    LagSampler(DSLContext db, long accountId, Map<String, long[]> probes) {
        this.db = db;
        this.accountId = accountId;
        this.probes = probes;
    }

    void start() {
        thread = Thread.ofPlatform().name("lag-sampler").start(this::sample);
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            var open = probes.entrySet().stream()
                    .filter(e -> e.getValue()[1] == 0)
                    .map(Map.Entry::getKey)
                    .toArray(String[]::new);
            if (open.length > 0) {
                var seen = db.fetch(
                                "select provider_message_id from message_recipient where account_id = ? "
                                        + "and provider_message_id = any(?) and delivered_at is not null",
                                accountId,
                                open)
                        .getValues(0, String.class);
                long now = System.nanoTime();
                seen.forEach(id -> probes.get(id)[1] = now);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
