package com.mobilemarketing.ingest;

import static com.mobilemarketing.ingest.OrderTestShop.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.Contention;
import com.mobilemarketing.Recount;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.mobilemarketing.core.security.AppUser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Which message an order is credited to: last click within the click window, else last read (SMS:
 * delivered) within the view window, never a test message; the last-touch model; re-attribution on a
 * late click and a changed setting; and the maintained attribution equal to the rebuild from raw rows
 * whatever the arrival order of orders, cancellations and touches.
 */
class AttributionTest extends AbstractDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    /** Who changes the setting (the log keeps the name, the user need not exist). */
    private static final AppUser MARKETER = new AppUser(
            90_160L,
            ACCOUNT,
            "shop-marketer",
            "Shop Marketer",
            AppUser.Role.MARKETER,
            "pl",
            java.time.ZoneId.of("Europe/Warsaw"));

    @Autowired
    private OrderRepository orders;

    @Autowired
    private AttributionRepository attributions;

    @Autowired
    private IngestRepository ingest;

    @Autowired
    private EventFolder folder;

    @Autowired
    private DataSource dataSource;

    private OrderTestShop shop;

    @BeforeEach
    void setUp() {
        shop = new OrderTestShop(db);
        shop.create(6);
    }

    @AfterEach
    void tearDown() {
        shop.remove();
    }

    private static Instant h(double hours) {
        return T0.plusSeconds(Math.round(hours * 3600));
    }

    private void order(String id, OrderUpdate.Status status, int contact, Instant placedAt, String value) {
        var update = new OrderUpdate(
                id,
                status,
                OffsetDateTime.ofInstant(placedAt, ZoneOffset.UTC),
                new BigDecimal(value),
                "PLN",
                OrderTestShop.contact(contact),
                null,
                null);
        Tenant.run(ACCOUNT, () -> orders.store(ACCOUNT, List.of(update)));
    }

    private long differences() {
        return asAllAccounts(() -> Recount.counterDifferences(db, ACCOUNT));
    }

    @Test
    void lastClickThenLastReadNeverATestMessage() {
        long whatsapp = shop.message("WHATSAPP", "BULK", T0);
        long sms = shop.message("SMS", "RULE", h(2));
        long test = shop.message("WHATSAPP", "TEST", h(3));
        shop.recipient(whatsapp, 1, T0, h(0), h(0.5), h(1));
        shop.recipient(sms, 1, h(2), h(2.01), null, null);
        shop.recipient(test, 1, h(3), h(3), h(3), h(3.1));
        // Contact 2 read 10 hours before its order, contact 3 read 30 hours before.
        shop.recipient(whatsapp, 2, T0, h(0), h(1), null);
        shop.recipient(whatsapp, 3, T0, h(0), h(1), null);

        order("O-1", OrderUpdate.Status.PLACED, 1, h(4), "100");
        order("O-2", OrderUpdate.Status.PLACED, 2, h(11), "50");
        order("O-3", OrderUpdate.Status.PLACED, 3, h(31), "70");
        // Six days after the click and long after any read: organic.
        order("O-4", OrderUpdate.Status.PLACED, 1, h(24 * 6), "30");
        assertThat(shop.attributions()).containsExactly("O-1:" + whatsapp + ":CLICK", "O-2:" + whatsapp + ":VIEW");

        // Last touch: the SMS delivered after the click is the later touch.
        Tenant.run(
                ACCOUNT,
                () -> attributions.save(
                        MARKETER, new Attribution(Attribution.Model.LAST_TOUCH, 120, 48), OffsetDateTime.now(clock)));
        assertThat(shop.attributions())
                .containsExactly("O-1:" + sms + ":VIEW", "O-2:" + whatsapp + ":VIEW", "O-3:" + whatsapp + ":VIEW");
        assertThat(differences()).isZero();

        // Back to the default: a changed setting re-attributes again.
        Tenant.run(ACCOUNT, () -> attributions.save(MARKETER, Attribution.DEFAULT, OffsetDateTime.now(clock)));
        assertThat(shop.attributions()).containsExactly("O-1:" + whatsapp + ":CLICK", "O-2:" + whatsapp + ":VIEW");
        assertThat(Tenant.call(ACCOUNT, () -> attributions.attribution(ACCOUNT)))
                .isEqualTo(Attribution.DEFAULT);
        assertThat(differences()).isZero();
        // Both changes are logged with who made them.
        assertThat(Tenant.call(ACCOUNT, () -> attributions.changes(ACCOUNT, 10)))
                .extracting(AttributionRepository.Change::by, AttributionRepository.Change::attribution)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Shop Marketer", Attribution.DEFAULT),
                        org.assertj.core.groups.Tuple.tuple(
                                "Shop Marketer", new Attribution(Attribution.Model.LAST_TOUCH, 120, 48)));
    }

    @Test
    void aNewSettingDoesNotHoldTheFoldBackWhileItReattributes() throws Exception {
        long whatsapp = shop.message("WHATSAPP", "BULK", T0);
        shop.recipient(whatsapp, 1, T0, h(0), h(0.5), null);
        order("H-1", OrderUpdate.Status.PLACED, 1, h(2), "40.00");
        shop.recipient(whatsapp, 2, T0, null, null, null);
        Tenant.runAllAccounts(() -> db.execute(
                "update message_recipient set provider_message_id = 'hold-2' "
                        + "where account_id = ? and message_id = ? and contact_id = ?",
                ACCOUNT,
                whatsapp,
                OrderTestShop.contact(2)));
        try (var threads = Executors.newFixedThreadPool(1);
                var holder = dataSource.getConnection();
                var lock = holder.prepareStatement("select pg_advisory_lock(7016, hashint8(?))")) {
            // The re-attribution waits for contact 1's lock (held by a session without a transaction
            // id): the new setting's transaction stays open, its rows written.
            lock.setLong(1, OrderTestShop.contact(1));
            lock.execute();
            Future<?> saved;
            try {
                saved = threads.submit(() -> Tenant.run(
                        ACCOUNT,
                        () -> attributions.save(
                                MARKETER,
                                new Attribution(Attribution.Model.LAST_TOUCH, 120, 48),
                                OffsetDateTime.now(clock))));
                Contention.awaitLockWait(db, "advisory");
                // Contact 2's delivery is reported and folded meanwhile.
                Tenant.runAllAccounts(() -> ingest.insertEvents(List.of(new StatusEvent(
                        ACCOUNT,
                        StatusEvent.WHATSAPP,
                        "hold-2",
                        StatusEvent.DELIVERED,
                        h(0.1),
                        null,
                        null,
                        null,
                        null))));
                folder.foldPending();
                assertThat(asAllAccounts(() -> db.fetchSingle(
                                        "select delivered_at from message_recipient "
                                                + "where account_id = ? and message_id = ? and contact_id = ?",
                                        ACCOUNT,
                                        whatsapp,
                                        OrderTestShop.contact(2))
                                .get(0, OffsetDateTime.class)))
                        .as("folded while the new setting re-attributes")
                        .isNotNull();
                assertThat(saved.isDone()).isFalse();
            } finally {
                try (var unlock = holder.createStatement()) {
                    unlock.execute("select pg_advisory_unlock_all()");
                }
            }
            saved.get(30, TimeUnit.SECONDS);
        }
        assertThat(shop.attributions()).containsExactly("H-1:" + whatsapp + ":VIEW");
        assertThat(asAllAccounts(() -> queryLong("select count(*) from fold_exempt")))
                .as("the registration is removed")
                .isZero();
        assertThat(differences()).isZero();
    }

    @Test
    void aLateClickMovesTheCredit() {
        long viber = shop.message("VIBER", "BULK", T0);
        long whatsapp = shop.message("WHATSAPP", "WORKFLOW", h(1));
        shop.recipient(viber, 4, T0, h(0), h(0.2), null);
        shop.recipient(whatsapp, 4, h(1), h(1), null, null);
        order("L-1", OrderUpdate.Status.PLACED, 4, h(5), "210.50");
        assertThat(shop.attributions()).containsExactly("L-1:" + viber + ":VIEW");

        shop.touch(whatsapp, 4, "clicked_at", h(4));
        assertThat(shop.attributions()).containsExactly("L-1:" + whatsapp + ":CLICK");
        assertThat(asAllAccounts(() -> queryLong(
                        "select orders * 1000000 + revenue_minor from message_revenue where account_id = ? "
                                + "and message_id = ?",
                        ACCOUNT,
                        whatsapp)))
                .isEqualTo(1_000_000 + 21_050);
        assertThat(asAllAccounts(() -> queryLong(
                        "select coalesce(sum(orders), 0) from message_revenue where account_id = ? and message_id = ?",
                        ACCOUNT,
                        viber)))
                .isZero();
        assertThat(differences()).isZero();

        // The click corrected to after the order: the credit goes back, although no order follows the new time.
        Tenant.runAllAccounts(() -> db.execute(
                "update message_recipient set clicked_at = ?::timestamptz "
                        + "where account_id = ? and message_id = ? and contact_id = ?",
                h(6).toString(),
                ACCOUNT,
                whatsapp,
                OrderTestShop.contact(4)));
        assertThat(shop.attributions()).containsExactly("L-1:" + viber + ":VIEW");
        assertThat(differences()).isZero();
    }

    @Test
    void anOrderStoredWhileItsClickIsBeingFoldedIsCredited() throws Exception {
        long whatsapp = shop.message("WHATSAPP", "BULK", T0);
        shop.recipient(whatsapp, 5, T0, h(0), null, null);
        var clicked = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(2)) {
            // The fold: the click is written, its transaction still open.
            var fold = threads.submit(() -> Tenant.runAllAccounts(() -> db.transaction(trx -> {
                trx.dsl()
                        .execute(
                                "update message_recipient set clicked_at = ?::timestamptz "
                                        + "where account_id = ? and message_id = ? and contact_id = ?",
                                h(1).toString(),
                                ACCOUNT,
                                whatsapp,
                                OrderTestShop.contact(5));
                clicked.countDown();
                assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
            })));
            assertThat(clicked.await(30, TimeUnit.SECONDS)).isTrue();
            // The contact's first order, placed after the click, arrives meanwhile: it waits for the fold.
            var stored = threads.submit(() -> order("F-1", OrderUpdate.Status.PLACED, 5, h(2), "99.00"));
            Contention.waitsFor(fold, commit, stored);
        }
        assertThat(shop.attributions()).containsExactly("F-1:" + whatsapp + ":CLICK");
        assertThat(differences()).isZero();
    }

    /** One step of a random history: an order status or a late touch of a recipient. */
    private record Step(
            String kind, int contact, long message, String column, Instant at, String orderId, String value) {}

    @Test
    void incrementalEqualsRebuildWhateverTheArrivalOrder() {
        var random = new Random(16);
        var messages = List.of(
                shop.message("WHATSAPP", "BULK", T0),
                shop.message("SMS", "RULE", h(6)),
                shop.message("VIBER", "WORKFLOW", h(12)),
                shop.message("WHATSAPP", "TEST", h(18)));
        var steps = new ArrayList<Step>();
        for (var message : messages) {
            var sent = Tenant.allAccounts(() -> db.fetchSingle(
                            "select sent_at from message where account_id = ? and id = ?", ACCOUNT, message)
                    .get(0, OffsetDateTime.class)
                    .toInstant());
            for (int contact = 1; contact <= 6; contact++) {
                shop.recipient(message, contact, sent, null, null, null);
                var delivered = sent.plusSeconds(5 + random.nextInt(600));
                steps.add(new Step("touch", contact, message, "delivered_at", delivered, "", ""));
                if (random.nextInt(3) > 0) {
                    steps.add(new Step(
                            "touch",
                            contact,
                            message,
                            "opened_at",
                            delivered.plusSeconds(random.nextInt(20_000)),
                            "",
                            ""));
                }
                if (random.nextInt(3) == 0) {
                    steps.add(new Step(
                            "touch",
                            contact,
                            message,
                            "clicked_at",
                            delivered.plusSeconds(random.nextInt(40_000)),
                            "",
                            ""));
                }
            }
        }
        for (int n = 0; n < 30; n++) {
            var contact = 1 + random.nextInt(6);
            var placed = h(random.nextInt(24 * 8));
            var value = (1 + random.nextInt(50_000)) / 100 + "." + random.nextInt(10);
            var id = "R-" + n;
            steps.add(new Step("PLACED", contact, 0, "", placed, id, value));
            if (random.nextInt(5) == 0) {
                steps.add(new Step(random.nextBoolean() ? "CANCELLED" : "REFUNDED", contact, 0, "", placed, id, value));
            }
        }
        String first = null;
        for (int round = 0; round < 3; round++) {
            Collections.shuffle(steps, random);
            resetTouchesAndOrders();
            for (var step : steps) {
                if (step.kind().equals("touch")) {
                    shop.touch(step.message(), step.contact(), step.column(), step.at());
                } else {
                    order(
                            step.orderId(),
                            OrderUpdate.Status.valueOf(step.kind()),
                            step.contact(),
                            step.at(),
                            step.value());
                }
            }
            var incremental = snapshot();
            assertThat(incremental).contains(":CLICK").contains(":VIEW");
            assertThat(differences()).as("round %d against the recount", round).isZero();
            asAllAccounts(() -> db.execute("select rebuild_attribution(?)", ACCOUNT));
            assertThat(snapshot()).as("round %d against the rebuild", round).isEqualTo(incremental);
            if (first == null) {
                first = incremental;
            }
            assertThat(incremental).as("round %d against round 0", round).isEqualTo(first);
        }
        assertThat(first).doesNotContain(":" + messages.get(3) + ":");
    }

    private void resetTouchesAndOrders() {
        Tenant.runAllAccounts(() -> {
            db.execute("delete from order_event where account_id = ?", ACCOUNT);
            db.execute(
                    "update message_recipient set delivered_at = null, opened_at = null, clicked_at = null "
                            + "where account_id = ?",
                    ACCOUNT);
            db.execute("select rebuild_attribution(?)", ACCOUNT);
        });
    }

    /** The attribution and both rollups as text, in key order. */
    private String snapshot() {
        return Tenant.allAccounts(() -> String.join(
                "\n",
                db.fetch("select a::text from order_attribution a where account_id = ? order by order_id", ACCOUNT)
                        .getValues(0, String.class)
                        .toString(),
                db.fetch(
                                "select m::text from message_revenue m where account_id = ? and orders <> 0 "
                                        + "order by message_id",
                                ACCOUNT)
                        .getValues(0, String.class)
                        .toString(),
                db.fetch(
                                "select d::text from revenue_daily d where account_id = ? and orders <> 0 "
                                        + "order by day, channel, type, counted",
                                ACCOUNT)
                        .getValues(0, String.class)
                        .toString(),
                shop.attributions().toString()));
    }

    static Duration hours(long n) {
        return Duration.ofHours(n);
    }
}
