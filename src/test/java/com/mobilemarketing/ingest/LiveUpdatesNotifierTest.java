package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.live.LiveUpdates;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Live updates reach this node at once and other nodes through PostgreSQL NOTIFY. */
class LiveUpdatesNotifierTest extends IngestTestSupport {

    @Autowired
    private LiveUpdates liveUpdates;

    @Test
    void aChangeFromAnotherNodeArrivesThroughNotify() throws Exception {
        var received = new LinkedBlockingQueue<LiveUpdates.Change>();
        try (var ignored = liveUpdates.subscribe(77, received::add)) {
            var payload =
                    LiveUpdatesNotifier.encode("othernode", 77, Instant.parse("2026-11-15T10:00:00Z"), Set.of(5L, 6L));
            db.fetch("select pg_notify(?, ?)", LiveUpdatesNotifier.CHANNEL, payload);
            var change = received.poll(10, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.messageIds()).containsExactlyInAnyOrder(5L, 6L);
        }
    }

    @Test
    void aLocalChangeIsDeliveredAtOnceAndNotTwice() throws Exception {
        var received = new LinkedBlockingQueue<LiveUpdates.Change>();
        try (var ignored = liveUpdates.subscribe(78, received::add)) {
            liveUpdates.changed(new LiveUpdates.Change(78, Set.of(1L), Instant.now()));
            assertThat(received.poll(1, TimeUnit.SECONDS)).isNotNull();
            // its own NOTIFY echo is ignored
            assertThat(received.poll(1500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void payloadsStayBounded() {
        var many = new java.util.HashSet<Long>();
        for (long i = 0; i < 5000; i++) {
            many.add(1_000_000_000L + i);
        }
        var payload = LiveUpdatesNotifier.encode("n", 1, Instant.now(), many);
        assertThat(payload.length()).isLessThan(8000);
        var decoded = LiveUpdatesNotifier.decode("me", payload);
        assertThat(decoded).isNotNull();
        assertThat(decoded.messageIds()).isEmpty(); // "anything of the account"
    }
}
