package com.mobilemarketing.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Live updates reach this node at once and other nodes through PostgreSQL NOTIFY. */
class LiveUpdatesNotifierTest extends AbstractDatabaseTest {

    @Autowired
    private LiveUpdates liveUpdates;

    @Autowired
    private LiveUpdatesNotifier notifier;

    @Test
    void aChangeFromAnotherNodeArrivesThroughNotify() throws Exception {
        var received = new LinkedBlockingQueue<LiveUpdates.Change>();
        try (var ignored = liveUpdates.subscribe(77, received::add)) {
            notifyFromOtherNode(77, Set.of(5L, 6L));
            var change = received.poll(10, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.messageIds()).containsExactlyInAnyOrder(5L, 6L);
        }
    }

    @Test
    void aLocalChangeIsDeliveredAtOnceAndItsEchoIsIgnored() throws Exception {
        var received = new LinkedBlockingQueue<LiveUpdates.Change>();
        try (var ignored = liveUpdates.subscribe(78, received::add)) {
            liveUpdates.changed(new LiveUpdates.Change(78, Set.of(1L), Instant.now()));
            var local = received.poll(1, TimeUnit.SECONDS);
            assertThat(local).isNotNull();
            assertThat(local.messageIds()).containsExactly(1L);
            // Our own NOTIFY is committed when flush returns; a marker from another node is committed
            // after it. Notifications arrive in commit order, so an echo would come before the marker.
            notifier.flush();
            notifyFromOtherNode(78, Set.of(2L));
            var next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(next.messageIds()).containsExactly(2L);
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

    private void notifyFromOtherNode(long accountId, Set<Long> messageIds) {
        var payload =
                LiveUpdatesNotifier.encode("othernode", accountId, Instant.parse("2026-11-15T10:00:00Z"), messageIds);
        db.fetch("select pg_notify(?, ?)", LiveUpdatesNotifier.CHANNEL, payload);
    }
}
