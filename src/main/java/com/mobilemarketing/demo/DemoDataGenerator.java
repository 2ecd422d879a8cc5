package com.mobilemarketing.demo;

import com.mobilemarketing.core.DemoMode;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.demo.DemoOutcomes.MessageIds;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * Makes realistic, deterministic demo data set-based in SQL: two Polish e-commerce accounts, their
 * users, integrations, contacts with consents given and withdrawn, 13 months of messages of every
 * type with seasonality, recipients with delivery / read / click / failure outcomes and clicks; and
 * brings it up to a later "now" ({@link #rollForward}). Randomness comes from
 * {@code demo_random(seed, key, n)}, so the same seed and anchor time give the same rows. Counters
 * and rollups follow from the database triggers. It is the demo feature's repository: it runs every
 * statement and owns the transactions; the statements themselves are in {@link DemoAccounts},
 * {@link DemoMessages} and {@link DemoOutcomes}, the gateway reports in {@link DemoGatewayReports};
 * {@link DemoBulkLoad} switches triggers and indexes off and on around a bulk load. It is the one place that orders the steps (orders, consent, gateway
 * reports, rebuilds) of a generation and a roll-forward.
 */
@Repository
public class DemoDataGenerator {

    private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);
    public static final String DEMO_PASSWORD = DemoMode.DEMO_PASSWORD;

    /** Recipients are inserted in statements of about this many rows; small enough to show progress. */
    private static final long CHUNK_ROWS = 50_000;

    /** In a bulk load each chunk runs on a core of its own: fewer, bigger statements. */
    private static final long BULK_CHUNK_ROWS = 1_000_000;

    /** A roll-forward looks back at most this far: older days are out of every range the dashboard offers. */
    static final int MAX_ROLL_DAYS = 400;

    private final DSLContext db;
    private final PasswordEncoder passwordEncoder;

    public DemoDataGenerator(DSLContext db, PasswordEncoder passwordEncoder) {
        this.db = db;
        this.passwordEncoder = passwordEncoder;
    }

    /** How recipients and clicks are written. */
    public enum Load {
        /** Row by row through the triggers that keep counters and rollups, as the product writes them. */
        TRIGGERED,
        /**
         * For benchmark tiers: while contacts, consents, recipients and clicks are inserted (recipients
         * on every core), the tables' triggers are off and their secondary indexes dropped; then
         * counters, rollups and contact flags are rebuilt set-based from the raw rows and the indexes
         * built again. Needs the table owner's rights; triggers and indexes come back whatever happens.
         */
        BULK
    }

    /** The demo as recorded by {@link #generate}: its seed, size and up to when it has data. */
    public record DemoState(long seed, DemoSize size, OffsetDateTime generatedThrough) {}

    /** What {@link #rollForward} added: messages created in {@code (from, to]}. */
    public record RollForward(OffsetDateTime from, OffsetDateTime to, int messages) {}

    public boolean hasData() {
        return db.fetchExists(db.selectOne().from("account"));
    }

    public List<Long> accountIds() {
        return db.fetch("select id from account order by id").getValues(0, Long.class);
    }

    /** Generates everything for {@code size}, as of {@code anchor} ("now" of the demo), through the triggers. */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor) {
        generate(size, seed, anchor, Load.TRIGGERED);
    }

    /** Generates everything for {@code size}, as of {@code anchor}; both loads give the same rows. */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor, Load load) {
        generate(size, seed, anchor, load, rows -> {});
    }

    /**
     * Generates everything for {@code size}, as of {@code anchor}, and records it so that later starts
     * can bring the demo up to their "now" ({@link #rollForward}); {@code recipientRowsDone} hears of
     * each committed chunk of recipient rows (of about {@link DemoSize#totalRecipients()} in all).
     */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor, Load load, LongConsumer recipientRowsDone) {
        var started = System.nanoTime();
        var now = anchor.truncatedTo(ChronoUnit.SECONDS).withOffsetSameInstant(ZoneOffset.UTC);
        var plans = AccountPlan.plans(size);
        Tenant.runAllAccounts(() -> {
            var indexes = load == Load.BULK ? DemoBulkLoad.suspendTriggersAndIndexes(db) : List.<String>of();
            db.transaction(trx -> {
                execute(trx.dsl(), List.of(DemoAccounts.supportUser(passwordEncoder.encode(DEMO_PASSWORD))));
                for (var plan : plans) {
                    execute(trx.dsl(), DemoAccounts.account(plan, () -> passwordEncoder.encode(DEMO_PASSWORD)));
                    // Before the recipients: each is priced when sent, from the tariff valid then.
                    execute(trx.dsl(), DemoTariffs.tariffs(plan, now));
                }
            });
            var chunks = new ArrayList<Runnable>();
            long contactBase = 0;
            long messageBase = 0;
            for (var plan : plans) {
                var cb = contactBase;
                var mb = messageBase;
                db.transaction(trx -> execute(trx.dsl(), DemoAccounts.contacts(plan, cb, seed, now)));
                db.transaction(trx -> {
                    execute(trx.dsl(), DemoMessages.history(plan, mb, seed, now));
                    execute(trx.dsl(), List.of(DemoCampaigns.link(plan.id())));
                });
                chunks.addAll(recipientChunks(
                        plan, cb, seed, now, load == Load.BULK ? BULK_CHUNK_ROWS : CHUNK_ROWS, recipientRowsDone));
                contactBase += plan.contacts();
                messageBase += plan.messages();
            }
            log.info("Demo data: contacts and messages after {} s", secondsSince(started));
            if (load == Load.TRIGGERED) {
                chunks.forEach(Runnable::run);
            } else {
                try {
                    DemoBulkLoad.runInParallel(chunks);
                    // Before the indexes are back: the contact flags are rewritten cheaper without them.
                    rebuild(plans);
                    log.info("Demo data: counters and rollups rebuilt after {} s", secondsSince(started));
                } finally {
                    DemoBulkLoad.restoreTriggersAndIndexes(db, indexes);
                }
            }
            log.info("Demo data: recipients and clicks ({}) in place after {} s", load, secondsSince(started));
            db.transaction(trx -> DemoConsent.history(trx.dsl(), plans, seed, now));
            db.transaction(trx -> DemoOrders.history(
                    trx.dsl(), plans.stream().map(AccountPlan::id).toList(), seed, now));
            db.transaction(trx -> {
                for (var table : List.of("app_user", "sms_gateway", "contact", "message", "campaign")) {
                    trx.dsl()
                            .execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
                                    + "(select max(id) from " + table + "))");
                }
                execute(trx.dsl(), List.of(DemoSql.of("""
                                insert into demo_state (seed, size_name, contacts_first, contacts_second, messages_first,
                                                        messages_second, recipients_first, recipients_second,
                                                        largest_message, generated_through)
                                values (:seed, :name, :contactsFirst, :contactsSecond, :messagesFirst, :messagesSecond,
                                        :recipientsFirst, :recipientsSecond, :largestMessage, :now::timestamptz)
                                """, size, Map.of("seed", seed, "now", now))));
            });
            db.execute("vacuum analyze");
        });
        DemoGatewayReports.plant(db, now);
        log.info("Demo data '{}' generated in {} s", size.name(), secondsSince(started));
    }

    /**
     * Gives the consents of every account that has no consent history yet their history rows
     * (seed_consent_history), e.g. in a database generated before the history existed; accounts with
     * history are left alone. Returns the rows added.
     */
    public long ensureConsentHistory() {
        return Tenant.allAccounts(() -> {
            // One statement finds them: a prepared per-account check went to a generic plan that
            // scanned the whole history for every account without any (3 s each at the L tier).
            var withoutHistory = db.fetch("""
                            select a.id from account a
                            where exists (select 1 from contact_consent c where c.account_id = a.id)
                              and not exists (select 1 from consent_change h where h.account_id = a.id)
                            order by a.id
                            """).getValues(0, Long.class);
            long added = 0;
            for (var account : withoutHistory) {
                added += db.transactionResult(trx -> trx.dsl()
                        .fetchSingle("select seed_consent_history(?)", account)
                        .get(0, Long.class));
            }
            return added;
        });
    }

    /**
     * Gives every account without a shop integration the demo's orders of the {@link #MAX_ROLL_DAYS}
     * days up to {@code now} (DemoOrders.history), e.g. in a database generated before orders
     * existed; accounts with an integration are left alone. Returns the accounts given orders.
     */
    public int ensureOrderHistory(long seed, OffsetDateTime now) {
        return Tenant.allAccounts(() -> {
            var withoutShop = db.fetch("""
                            select a.id from account a
                            where not exists (select 1 from shop_integration s where s.account_id = a.id)
                            order by a.id
                            """).getValues(0, Long.class);
            for (var account : withoutShop) {
                db.transaction(trx -> DemoOrders.history(trx.dsl(), List.of(account), seed, now));
            }
            return withoutShop.size();
        });
    }

    /** Empty when the data in the database did not come from the generator. */
    public Optional<DemoState> state() {
        return readState(db, "");
    }

    private static Optional<DemoState> readState(DSLContext ctx, String lock) {
        // The size's columns are named as its components, as generate() wrote them.
        return ctx.fetchOptional("select *, size_name as name from demo_state " + lock)
                .map(r -> new DemoState(
                        r.get("seed", Long.class),
                        DemoSql.read(DemoSize.class, r),
                        r.get("generated_through", OffsetDateTime.class)));
    }

    /**
     * Brings generated demo data up to {@code to}: the messages of every day since the last
     * generation (at most {@value #MAX_ROLL_DAYS} days back) whose creation time has come, with their
     * recipients, outcomes and clicks as of {@code to}; scheduled messages whose time has come are
     * sent. A day's messages follow from the seed and the day alone, so the same days give the same
     * data whether brought up in one start or several. One transaction, locked against a second
     * node doing the same; counters and rollups follow from the triggers. Empty without a recorded
     * demo.
     */
    public Optional<RollForward> rollForward(OffsetDateTime to) {
        var now = to.truncatedTo(ChronoUnit.SECONDS).withOffsetSameInstant(ZoneOffset.UTC);
        var rolled = rollForwardMessages(now);
        if (rolled.isPresent()) {
            DemoGatewayReports.plant(db, now);
        }
        return rolled;
    }

    /**
     * Writes the demo's report of a gateway's local day into a new temporary file (the benchmark
     * imports the largest day this way); see {@link DemoGatewayReports}.
     */
    public Path writeGatewayReport(long accountId, long gatewayId, LocalDate day) {
        return DemoGatewayReports.write(db, accountId, gatewayId, day);
    }

    private Optional<RollForward> rollForwardMessages(OffsetDateTime now) {
        return Tenant.allAccounts(() -> db.transactionResult(trx -> {
            var tx = trx.dsl();
            var current = readState(tx, "for update");
            if (current.isEmpty()) {
                return Optional.<RollForward>empty();
            }
            var state = current.get();
            var seed = state.seed();
            var through = state.generatedThrough().withOffsetSameInstant(ZoneOffset.UTC);
            if (!now.isAfter(through)) {
                return Optional.of(new RollForward(through, through, 0));
            }
            var from = through.isBefore(now.minusDays(MAX_ROLL_DAYS)) ? now.minusDays(MAX_ROLL_DAYS) : through;
            var plans = AccountPlan.plans(state.size());
            execute(tx, List.of(DemoMessages.NEW_MESSAGE_TABLE));
            for (var plan : plans) {
                execute(tx, List.of(DemoMessages.days(plan, seed, from, now)));
            }
            var added = tx.fetch(DemoMessages.INSERT_NEW_MESSAGES.sql());
            for (var plan : plans) {
                execute(tx, List.of(DemoCampaigns.link(plan.id())));
            }
            long contactBase = 0;
            for (var plan : plans) {
                // A demo made before tariffs existed gets them now: later sends are priced.
                if (!tx.fetchExists(tx.selectOne().from("tariff").where("account_id = ?", plan.id()))) {
                    execute(tx, DemoTariffs.tariffs(plan, state.generatedThrough()));
                }
            }
            for (var plan : plans) {
                // Messages of the last week before the last start still get late reads and clicks.
                var sent = tx.fetch("""
                                select id from message where account_id = ? and state = 'SENT'
                                  and sent_at > ?::timestamptz - interval '7 days' and sent_at <= ?::timestamptz
                                """, plan.id(), from, from).getValues(0, Long.class);
                if (!sent.isEmpty()) {
                    execute(tx, DemoOutcomes.completion(plan, contactBase, seed, from, now, MessageIds.anyOf(sent)));
                }
                var toSend = new ArrayList<Long>(tx.fetch("""
                                update message set state = 'SENT', sent_at = scheduled_at
                                where account_id = ? and state = 'SCHEDULED' and scheduled_at <= ?::timestamptz
                                returning id
                                """, plan.id(), now).getValues(0, Long.class));
                var ofAccount = added.stream()
                        .filter(r -> r.get(0, Long.class) == plan.id())
                        .toList();
                var newIds = ofAccount.stream().map(r -> r.get(1, Long.class)).toList();
                if (!newIds.isEmpty()) {
                    execute(tx, List.of(DemoMessages.links(plan, seed, newIds)));
                }
                ofAccount.stream()
                        .filter(r -> r.get(2, Boolean.class))
                        .map(r -> r.get(1, Long.class))
                        .forEach(toSend::add);
                if (!toSend.isEmpty()) {
                    execute(tx, DemoOutcomes.recipients(plan, contactBase, seed, now, MessageIds.anyOf(toSend)));
                }
                contactBase += plan.contacts();
            }
            tx.execute("select setval(pg_get_serial_sequence('message', 'id'), (select max(id) from message))");
            tx.execute("select setval(pg_get_serial_sequence('campaign', 'id'), (select max(id) from campaign))");
            DemoConsent.rollForward(tx, plans, state.seed(), from, now);
            DemoOrders.rollForward(tx, plans.stream().map(AccountPlan::id).toList(), state.seed(), from, now);
            tx.execute("update demo_state set generated_through = ?::timestamptz", now);
            return Optional.of(new RollForward(from, now, added.size()));
        }));
    }

    private static void execute(DSLContext tx, List<DemoSql> statements) {
        for (var statement : statements) {
            tx.execute(statement.sql());
        }
    }

    private static long secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000_000;
    }

    /** Recipients and clicks in chunks of whole messages, each chunk one transaction. */
    private List<Runnable> recipientChunks(
            AccountPlan plan,
            long contactBase,
            long seed,
            OffsetDateTime now,
            long chunkRows,
            LongConsumer recipientRowsDone) {
        // Chunks of about chunkRows recipients keep each statement's trigger delta small.
        var chunks = db.fetch("""
                select min(id) as first_id, max(id) as last_id, sum(audience_size) as rows
                from (select id, audience_size, sum(audience_size) over (order by id) / ? as chunk
                      from message where account_id = ? and state = 'SENT') x
                group by chunk order by 1
                """, chunkRows, plan.id());
        return chunks.stream()
                .<Runnable>map(chunk -> {
                    var ids = MessageIds.between(chunk.get("first_id", Long.class), chunk.get("last_id", Long.class));
                    long rows = chunk.get("rows", Long.class);
                    return () -> {
                        Tenant.runAllAccounts(() -> db.transaction(
                                trx -> execute(trx.dsl(), DemoOutcomes.recipients(plan, contactBase, seed, now, ids))));
                        recipientRowsDone.accept(rows);
                    };
                })
                .toList();
    }

    /**
     * Recounts what the switched-off triggers keep: counters, rollups, contact flags and opt-in lists of every account
     * (each recipient was priced as it was inserted).
     */
    private void rebuild(List<AccountPlan> plans) {
        var rebuilds = new ArrayList<Runnable>();
        for (var plan : plans) {
            for (var function : List.of(
                    "rebuild_opt_in_flags",
                    "rebuild_optin_overlap",
                    "rebuild_optin_list",
                    "rebuild_counters",
                    "rebuild_analytics",
                    "rebuild_integration_activity",
                    "mark_reach_days")) {
                rebuilds.add(() -> Tenant.runAllAccounts(
                        () -> db.transaction(trx -> trx.dsl().execute("select " + function + "(?)", plan.id()))));
            }
        }
        DemoBulkLoad.runInParallel(rebuilds);
    }
}
