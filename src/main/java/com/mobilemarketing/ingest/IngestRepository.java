package com.mobilemarketing.ingest;

import static com.mobilemarketing.core.db.FoldQueue.PAST_WATERMARK;
import static com.mobilemarketing.db.Tables.CHANNEL_INTEGRATION;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;

import com.mobilemarketing.db.enums.Channel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Integration secrets, the append-only delivery event log and the fold of events into recipients. */
@Repository
public class IngestRepository {

    /** An SMS gateway's signing secret and whether it reports delivery at all. */
    public record GatewaySecret(String secret, boolean supportsCallbacks) {}

    /** A messenger integration's signing secret and webhook verification token. */
    public record ChannelSecret(String secret, @Nullable String verifyToken) {}

    /**
     * What one fold batch did: events taken, applied, left as orphans, refused as misrouted (their
     * provider id belongs to another integration), and the messages whose numbers may have moved.
     */
    public record FoldResult(int taken, int folded, int orphans, int misrouted, Map<Long, Set<Long>> touched) {
        static final FoldResult EMPTY = new FoldResult(0, 0, 0, 0, Map.of());
    }

    /** The ingest figures: events waiting to be folded, orphans waiting for a recipient, misrouted events. */
    public record IngestFigures(long fresh, long orphans, long misrouted) {}

    private final DSLContext db;

    public IngestRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<GatewaySecret> findGateway(long accountId, long gatewayId) {
        return db.select(SMS_GATEWAY.WEBHOOK_SECRET, SMS_GATEWAY.SUPPORTS_CALLBACKS)
                .from(SMS_GATEWAY)
                .where(SMS_GATEWAY.ACCOUNT_ID.eq(accountId).and(SMS_GATEWAY.ID.eq(gatewayId)))
                .fetchOptional(r -> new GatewaySecret(r.value1(), r.value2()));
    }

    public Optional<ChannelSecret> findChannel(long accountId, Channel channel) {
        return db.select(CHANNEL_INTEGRATION.WEBHOOK_SECRET, CHANNEL_INTEGRATION.VERIFY_TOKEN)
                .from(CHANNEL_INTEGRATION)
                .where(CHANNEL_INTEGRATION.ACCOUNT_ID.eq(accountId).and(CHANNEL_INTEGRATION.CHANNEL.eq(channel)))
                .fetchOptional(r -> new ChannelSecret(r.value1(), r.value2()));
    }

    /**
     * Appends events in one statement. The log keeps one report per provider message id and status,
     * the earliest: a report that arrives later but happened earlier (or at the same time with an
     * error code that ranks first) replaces the stored one and goes back into the fold queue (with
     * the replacing transaction as its {@code written_by}, so past the fold's watermark), so
     * the fold sees the same reports whatever their arrival order; an exact replay or a later report
     * changes nothing. WhatsApp's pricing object is kept apart from the report it came with: the row
     * keeps the least object of all the reports of its status (with the time of the report that
     * carried it), so no object is lost to a report that replaced or was refused (V196). Returns rows
     * inserted or changed. The rows travel as one array per column ({@link ColumnArrays}).
     */
    public int insertEvents(List<StatusEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        return db.connectionResult(connection -> {
            try (var insert = connection.prepareStatement(INSERT_EVENTS)) {
                new ColumnArrays<>(connection, insert, 1, events)
                        .bigints(StatusEvent::accountId)
                        .texts(StatusEvent::provider)
                        .texts(StatusEvent::providerMessageId)
                        .texts(StatusEvent::status)
                        .texts(e -> e.occurredAt().toString()) // ISO-8601 in UTC, exact to the nanosecond
                        .texts(StatusEvent::errorCode)
                        .booleans(StatusEvent::errorPermanent)
                        .texts(StatusEvent::pricingCategory)
                        .booleans(StatusEvent::billable);
                return insert.executeUpdate();
            }
        });
    }

    /**
     * The rank of reports of one key: earliest time first, then a report with an error code before
     * one without, then the smaller code; the fold ranks failures of a recipient the same way.
     * DISTINCT ON keeps the first of duplicates within one batch, with the least pricing object among
     * them (ON CONFLICT may touch a row once per statement); the batch goes in key order, so
     * concurrent writers lock rows in one order.
     */
    private static final String INSERT_EVENTS = """
            insert into delivery_event as e
                (account_id, provider, provider_message_id, status, occurred_at, error_code, error_permanent, pricing)
            select distinct on (account_id, provider, provider_message_id, status)
                   account_id, provider, provider_message_id, status, occurred_at, error_code, error_permanent,
                   -- the least object of the key's reports (a missing one, null, sorts last)
                   first_value(pricing) over (partition by account_id, provider, provider_message_id, status
                                              order by pricing)
            from (select u.*, case when u.category is not null or u.billable is not null
                                   then row(u.occurred_at, u.category, u.billable)::pricing_object end as pricing
                  from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                              ?::boolean[], ?::text[], ?::boolean[])
                       as u (account_id, provider, provider_message_id, status, occurred_at, error_code,
                             error_permanent, category, billable)) u
            order by account_id, provider, provider_message_id, status,
                     occurred_at, error_code is null, error_code, error_permanent
            on conflict (account_id, provider, provider_message_id, status) do update
            set occurred_at = case when %1$s then excluded.occurred_at else e.occurred_at end,
                error_code = case when %1$s then excluded.error_code else e.error_code end,
                error_permanent = case when %1$s then excluded.error_permanent else e.error_permanent end,
                pricing = least(e.pricing, excluded.pricing),
                written_by = excluded.written_by, fold_attempts = 0, retry_at = null, misrouted = false
            where %1$s or least(e.pricing, excluded.pricing) is distinct from e.pricing
            """.formatted("""
            (excluded.occurred_at, excluded.error_code is null, coalesce(excluded.error_code, ''))
                < (e.occurred_at, e.error_code is null, coalesce(e.error_code, ''))""");

    /**
     * Folds one batch of fresh events (or of orphans due for a retry) into recipient state, in one
     * statement: the statement-level counter triggers on message_recipient then see the whole batch
     * as one delta. Plain SQL because the data-modifying CTEs and filtered aggregates read far
     * better so than in the DSL.
     *
     * <p>The result is order-independent: every state time becomes the minimum of its current value
     * and the candidate times of the events (read and seen also count as delivered; an SMS "read"
     * is no open signal), times are never cleared, and the error of a failure is the one of the
     * earliest failure report. failed counts only while delivered_at is null, which the counters
     * derive by themselves. Events of an unknown provider message id stay unfolded as orphans.
     * An event is applied only to a recipient of a message sent through the integration it came
     * through (its provider); one whose provider message id belongs to another integration's
     * recipient is marked misrouted and never applied.
     * One transaction per batch.
     *
     * <p>Fresh events are taken in the order of the transactions that wrote them, past the fold's
     * watermark and only of transactions older than any still running, and the watermark moves to
     * the last one taken (V200): the event's row is neither locked nor written again. One node folds
     * fresh events at a time: a batch holds an advisory lock, and a node that finds it held folds
     * nothing this time. Orphans are marked on their rows, taken by their retry time and locked.
     */
    public FoldResult foldBatch(int limit, boolean orphans, boolean orphansDueOnly) {
        return db.transactionResult(trx -> foldBatchInTransaction(limit, orphans, orphansDueOnly));
    }

    private FoldResult foldBatchInTransaction(int limit, boolean orphans, boolean orphansDueOnly) {
        var queue = orphans
                ? "fold_attempts > 0" + (orphansDueOnly ? " and retry_at <= now()" : "")
                        + " order by retry_at, account_id, id limit %d for update skip locked"
                : FRESH + " order by written_by, id limit %d";
        // A batch touches a few thousand rows of big tables by key. The event log grows faster than
        // its statistics; a plan from stale ones that scans the log or the recipients per batch
        // would make folding quadratic, so this transaction plans with keys only. No bitmap scans
        // either: with a backlog (the folder behind under load) a bitmap scan of the queue reads and
        // sorts every waiting event for each batch, where the index in id order stops after the
        // batch, so a folder that fell behind would fall further behind. The statements that the
        // triggers run with arguments get plans for their arguments (custom plans).
        db.fetch("select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), "
                + "set_config('plan_cache_mode', 'force_custom_plan', true)");
        // Another node folding fresh events holds the lock: this one leaves them to it.
        if (!orphans && !db.fetchSingle(TRY_FOLD_LOCK).get(0, Boolean.class)) {
            return FoldResult.EMPTY;
        }
        // An idle node looks every few seconds: one index probe, not the fold statement, whose
        // recipient update would fire every statement trigger of message_recipient for no rows.
        if (db.fetchOptional("select 1 from delivery_event where " + queue.formatted(1))
                .isEmpty()) {
            return FoldResult.EMPTY;
        }
        // The statement has no parameters (the batch size is written into it), so once the driver
        // prepares it on the server, PostgreSQL plans it once per connection and reuses the plan:
        // planning it took some 8 ms of every batch. A reused plan was made with the statistics of
        // its time, so every lookup in it is by key whatever it estimated (the recipient of each
        // event in a lateral subquery with a limit, which stays a parameterized index lookup).
        var rows = db.fetch("""
                with batch as materialized (
                    select ctid as tid, account_id, id, provider, provider_message_id, status, occurred_at, error_code,
                           error_permanent, pricing, written_by
                    from delivery_event
                    where %1$s
                ),
                found as materialized (
                    select b.tid, b.account_id, b.id, b.provider, b.provider_message_id, b.status, b.occurred_at,
                           b.error_code, b.error_permanent, b.pricing, r.message_id, r.contact_id, r.message_provider
                    from batch b
                    left join lateral (
                        select r.message_id, r.contact_id, message_provider(m.channel, m.gateway_id) as message_provider
                        from message_recipient r
                        join message m on m.account_id = r.account_id and m.id = r.message_id
                        where r.account_id = b.account_id and r.provider_message_id = b.provider_message_id
                        limit 1) r on true
                ),
                -- Only a recipient of a message sent through the integration the report came through.
                ev as (
                    select * from found where message_id is not null and provider = message_provider
                ),
                agg as (
                    select account_id, message_id, contact_id, provider, provider_message_id,
                           min(occurred_at) as sent_at,
                           min(occurred_at) filter (where status in ('delivered', 'read')) as delivered_at,
                           min(occurred_at) filter (where status = 'read' and provider not like 'sms:%%') as opened_at,
                           min(occurred_at) filter (where status = 'failed') as failed_at,
                           (array_agg(error_code order by occurred_at, error_code nulls last)
                               filter (where status = 'failed'))[1] as error_code,
                           (array_agg(error_permanent order by occurred_at, error_code nulls last)
                               filter (where status = 'failed'))[1] as error_permanent,
                           -- WhatsApp's earliest pricing object among the batch's reports (V196)
                           (array_agg(pricing order by pricing) filter (where (pricing).at is not null))[1] as batch_pricing
                    from ev
                    group by account_id, message_id, contact_id, provider, provider_message_id
                ),
                -- The earliest pricing object among all of the recipient's reports in the log (which
                -- keeps the earliest of each status's, V196), looked up for a recipient the batch
                -- brings one for. Only when the batch's is that earliest one can the cost change: an
                -- earlier one in the log was folded before (or is waiting in the queue) and priced the
                -- recipient then, so the cost is computed only in that case. In the same rows as the
                -- batch's times: a join of two lists of the batch's recipients would be planned as a
                -- nested loop (each estimated at one row) and look the log up once per pair.
                priced as (
                    select a.*, p.pricing, a.batch_pricing = p.pricing as earliest
                    from agg a
                    left join lateral (
                        select e.pricing
                        from delivery_event e
                        where (a.batch_pricing).at is not null and e.account_id = a.account_id and e.provider = a.provider
                          and e.provider_message_id = a.provider_message_id and (e.pricing).at is not null
                        order by e.pricing
                        limit 1) p on true
                ),
                -- Each time becomes the minimum of the stored one and the batch's. The new values are
                -- computed from r itself: when another node's batch or a click changed the recipient
                -- meanwhile, the update re-reads its newest version and computes them again from
                -- that (no separate locking pass over the recipients), so nothing it wrote is lost.
                upd as (
                    update message_recipient r
                    set sent_at = least(r.sent_at, a.sent_at),
                        delivered_at = least(r.delivered_at, a.delivered_at),
                        opened_at = least(r.opened_at, a.opened_at),
                        failed_at = least(r.failed_at, a.failed_at),
                        error_code = case when %2$s then a.error_code else r.error_code end,
                        error_permanent = case when %2$s then a.error_permanent else r.error_permanent end,
                        -- The earliest pricing object's cost with the tariff of the send time (a category
                        -- that tariff has no price for keeps the cost).
                        cost = case when %4$s
                                    then coalesce((select x.cost from %3$s x), r.cost)
                                    else r.cost end,
                        cost_undelivered = case when %4$s
                                    then coalesce((select x.cost_undelivered from %3$s x), r.cost_undelivered)
                                    else r.cost_undelivered end
                    from priced a
                    where r.account_id = a.account_id and r.message_id = a.message_id and r.contact_id = a.contact_id
                      and (%2$s
                           or r.sent_at is distinct from least(r.sent_at, a.sent_at)
                           or r.delivered_at is distinct from least(r.delivered_at, a.delivered_at)
                           or r.opened_at is distinct from least(r.opened_at, a.opened_at)
                           or r.failed_at is distinct from least(r.failed_at, a.failed_at)
                           -- a pricing object rewrites the recipient only when its cost changes
                           or (%4$s
                               and exists (select 1 from %3$s x
                                           where (x.cost, x.cost_undelivered)
                                                 is distinct from (r.cost, r.cost_undelivered))))
                    returning r.account_id, r.message_id
                ),
                folded as (%5$s),
                -- The watermark moves to the last fresh event taken (nothing for orphans); run, as every
                -- data-modifying CTE, though nothing reads it.
                advanced as (%6$s),
                orphaned as (
                    update delivery_event e
                    set fold_attempts = e.fold_attempts + 1,
                        retry_at = now() + least(interval '2 seconds' * power(2, least(e.fold_attempts, 12)),
                                                 interval '30 minutes')
                    from found f
                    where f.message_id is null and e.ctid = f.tid and e.account_id = f.account_id and e.id = f.id
                    returning 1
                ),
                misrouted as (
                    update delivery_event e set misrouted = true, fold_attempts = 0, retry_at = null
                    from found f
                    where f.message_id is not null and f.provider is distinct from f.message_provider
                      and e.ctid = f.tid and e.account_id = f.account_id and e.id = f.id
                    returning 1
                )
                select 'T' as kind, (select count(*) from batch) as n, null::bigint as account_id, null::bigint as message_id
                union all select 'F', (select count(*) from folded), null, null
                union all select 'O', (select count(*) from orphaned), null, null
                union all select 'X', (select count(*) from misrouted), null, null
                union all select 'M', 0, account_id, message_id from upd group by account_id, message_id
                """.formatted(
                        queue.formatted(limit),
                        NEW_ERROR,
                        REPRICED,
                        REPRICE,
                        orphans ? ORPHANS_APPLIED : "select 1 from ev",
                        orphans ? "select 1 where false" : ADVANCE));
        int taken = 0;
        int folded = 0;
        int orphaned = 0;
        int misrouted = 0;
        Map<Long, Set<Long>> touched = new HashMap<>();
        for (var row : rows) {
            switch (row.get("kind", String.class)) {
                case "T" -> taken = row.get("n", Integer.class);
                case "F" -> folded = row.get("n", Integer.class);
                case "O" -> orphaned = row.get("n", Integer.class);
                case "X" -> misrouted = row.get("n", Integer.class);
                default ->
                    touched.computeIfAbsent(row.get("account_id", Long.class), id -> new HashSet<>())
                            .add(row.get("message_id", Long.class));
            }
        }
        return taken == 0 ? FoldResult.EMPTY : new FoldResult(taken, folded, orphaned, misrouted, touched);
    }

    /**
     * Fresh events waiting for the fold, in the index {@code delivery_event_fold_order}: past the
     * watermark, and of a transaction older than the oldest one still running ({@code fold_bound()},
     * leaving out those that write no events, {@link com.mobilemarketing.core.db.FoldExemptions}), so
     * nothing can commit behind the watermark later. The fold's own transaction counts among those
     * running: it takes no event written after it began to write (the lock below gives it no
     * transaction id).
     */
    private static final String FRESH = PAST_WATERMARK + " and written_by < (select fold_bound())";

    /**
     * The lock one node holds while it folds fresh events, for its transaction: an advisory lock,
     * which unlike a row lock gives the transaction no id of its own before it writes. The same key
     * is taken by {@code fold_rebase} (V202) while it puts a copied log in this cluster's terms.
     */
    static final String TRY_FOLD_LOCK = "select pg_try_advisory_xact_lock(74202, 0)";

    /** Orphans applied now are cleared: they wait no more. */
    private static final String ORPHANS_APPLIED = """
            update delivery_event e set fold_attempts = 0, retry_at = null
            from ev
            where e.ctid = ev.tid and e.account_id = ev.account_id and e.id = ev.id
            returning 1""";

    /** The watermark moves to the last fresh event of the batch. */
    private static final String ADVANCE = """
            update fold_watermark w set written_by = l.written_by, event_id = l.id
            from (select written_by, id from batch order by written_by desc, id desc limit 1) l
            returning 1""";

    /**
     * Whether a batch's failure (a) ranks before the recipient's stored one (r): earliest time first,
     * then a report with an error code, then the smaller code.
     */
    private static final String NEW_ERROR = "(a.failed_at is not null and (r.failed_at is null "
            + "or (a.failed_at, a.error_code is null, coalesce(a.error_code, '')) "
            + "< (r.failed_at, r.error_code is null, coalesce(r.error_code, ''))))";

    /**
     * Whether the recipient (r) is priced anew by the batch (a): the batch brings its earliest pricing
     * object ({@code a.pricing}, from the log), or brings an object and moves the send time, whose
     * tariff counts.
     */
    private static final String REPRICE = "((a.pricing).at is not null and (a.earliest "
            + "or r.sent_at is distinct from least(r.sent_at, a.sent_at)))";

    /** What the recipient (r) costs under its earliest pricing object (the log's, a.pricing), with the tariff of its send time. */
    private static final String REPRICED = "recipient_cost(r.account_id, r.message_id, r.contact_id, "
            + "least(r.sent_at, a.sent_at), (a.pricing).category, (a.pricing).billable)";

    /**
     * The fold queue for health and metrics: events waiting (fresh, and orphans waiting for their
     * recipient; each counted up to a million, so a huge backlog does not make the reading slow),
     * and the age of the oldest fresh one, read from the queue's own partial index.
     */
    public Backlog backlog() {
        var r = db.fetchSingle("""
                select (select count(*) from (select 1 from delivery_event
                            where %1$s order by written_by, id limit 1000000) f),
                       (select count(*) from (select 1 from delivery_event
                            where fold_attempts > 0 limit 1000000) o),
                       coalesce((select extract(epoch from now() - received_at) from delivery_event
                            where %1$s order by written_by, id limit 1), 0)
                """.formatted(PAST_WATERMARK));
        return new Backlog(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Double.class));
    }

    /** Events waiting to be folded, orphans, and the age in seconds of the oldest waiting fresh event (0 if none). */
    public record Backlog(long fresh, long orphans, double lagSeconds) {}

    /** Events waiting to be folded (fresh and orphans) and misrouted ones, for monitoring and the load benchmark. */
    public IngestFigures figures() {
        var r = db.fetchSingle("select (select count(*) from (select 1 from delivery_event where " + PAST_WATERMARK
                + " order by written_by, id) f), "
                + "(select count(*) from delivery_event where fold_attempts > 0), "
                + "(select count(*) from delivery_event where misrouted)");
        return new IngestFigures(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class));
    }
}
