package com.mobilemarketing.export;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.MESSAGE_COST;
import static com.mobilemarketing.db.Tables.MESSAGE_OPT_OUT;
import static com.mobilemarketing.db.Tables.MESSAGE_REVENUE;
import static com.mobilemarketing.db.Tables.MESSAGE_STATS;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.noCondition;

import com.mobilemarketing.db.enums.MessageType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The messages an export job writes: how many there are, and the rows themselves streamed from a
 * server-side cursor. Every query names its account.
 */
@Repository
public class MessageExportRepository {

    /** Rows fetched per round trip from the server-side cursor. */
    private static final int FETCH_SIZE = 5_000;

    private final DSLContext db;

    public MessageExportRepository(DSLContext db) {
        this.db = db;
    }

    /** An SMS gateway as an exported row names it. */
    private record Gateway(String name, boolean callbacks) {}

    /** The messages of the range: sent in it, or (not yet sent) scheduled in it. */
    private static Condition messagesOf(long accountId, @Nullable MessageType type, Instant from, Instant toExclusive) {
        var time = coalesce(MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT);
        return MESSAGE.ACCOUNT_ID
                .eq(accountId)
                .and(type == null ? noCondition() : MESSAGE.TYPE.eq(type))
                .and(time.ge(from.atOffset(ZoneOffset.UTC)))
                .and(time.lt(toExclusive.atOffset(ZoneOffset.UTC)));
    }

    public long countMessages(long accountId, @Nullable MessageType type, Instant from, Instant toExclusive) {
        return db.fetchCount(MESSAGE, messagesOf(accountId, type, from, toExclusive));
    }

    /**
     * Streams the messages of the range, newest first like the message list, from a server-side
     * cursor inside one read-only transaction: memory stays flat whatever the row count. Owner and
     * gateway names come from two small lookups made once (an account has a handful of users and
     * gateways), which spares the database two index probes per exported row.
     */
    public void streamMessages(
            long accountId,
            @Nullable MessageType type,
            Instant from,
            Instant toExclusive,
            Consumer<MessageExportRow> sink) {
        db.transaction(trx -> {
            var tx = trx.dsl();
            var owners = tx.select(APP_USER.ID, APP_USER.FULL_NAME)
                    .from(APP_USER)
                    .where(APP_USER.ACCOUNT_ID.eq(accountId))
                    .fetchMap(APP_USER.ID, APP_USER.FULL_NAME);
            var gateways = tx.select(SMS_GATEWAY.ID, SMS_GATEWAY.NAME, SMS_GATEWAY.SUPPORTS_CALLBACKS)
                    .from(SMS_GATEWAY)
                    .where(SMS_GATEWAY.ACCOUNT_ID.eq(accountId))
                    .fetchMap(SMS_GATEWAY.ID, Records.mapping((id, name, callbacks) -> new Gateway(name, callbacks)));
            var currency = tx.select(ACCOUNT.CURRENCY)
                    .from(ACCOUNT)
                    .where(ACCOUNT.ID.eq(accountId))
                    .fetchSingle(ACCOUNT.CURRENCY);
            try (var cursor = tx.select(
                            MESSAGE.ID,
                            MESSAGE.NAME,
                            MESSAGE.OWNER_ID,
                            coalesce(MESSAGE_STATS.SENT, 0L),
                            MESSAGE.SENT_AT,
                            coalesce(MESSAGE_STATS.DELIVERED, 0L),
                            coalesce(MESSAGE_STATS.OPENED, 0L),
                            coalesce(MESSAGE_STATS.FAILED, 0L),
                            MESSAGE.CHANNEL,
                            coalesce(MESSAGE_STATS.CLICKED, 0L),
                            MESSAGE.TYPE,
                            MESSAGE.GATEWAY_ID,
                            MESSAGE.SCHEDULED_AT,
                            MESSAGE.STATE,
                            coalesce(MESSAGE_REVENUE.ORDERS, 0L),
                            coalesce(MESSAGE_REVENUE.REVENUE_MINOR, 0L),
                            coalesce(MESSAGE_REVENUE.UNCONVERTED, 0L),
                            coalesce(MESSAGE_COST.COST_MICROS, 0L),
                            coalesce(MESSAGE_COST.UNPRICED, 0L),
                            coalesce(MESSAGE_OPT_OUT.OPT_OUTS, 0L))
                    .from(MESSAGE)
                    .leftJoin(MESSAGE_STATS)
                    .on(MESSAGE_STATS.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), MESSAGE_STATS.MESSAGE_ID.eq(MESSAGE.ID))
                    .leftJoin(MESSAGE_REVENUE)
                    .on(MESSAGE_REVENUE.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), MESSAGE_REVENUE.MESSAGE_ID.eq(MESSAGE.ID))
                    .leftJoin(MESSAGE_COST)
                    .on(MESSAGE_COST.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), MESSAGE_COST.MESSAGE_ID.eq(MESSAGE.ID))
                    .leftJoin(MESSAGE_OPT_OUT)
                    .on(MESSAGE_OPT_OUT.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), MESSAGE_OPT_OUT.MESSAGE_ID.eq(MESSAGE.ID))
                    .where(messagesOf(accountId, type, from, toExclusive))
                    .orderBy(coalesce(MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT).desc(), MESSAGE.ID.desc())
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy()) {
                for (var r : cursor) {
                    var gateway = r.value12() == null ? null : gateways.get(r.value12());
                    sink.accept(new MessageExportRow(
                            r.value1(),
                            r.value2(),
                            owners.getOrDefault(r.value3(), ""),
                            r.value4(),
                            r.value5(),
                            r.value6(),
                            r.value7(),
                            r.value8(),
                            r.value9(),
                            r.value10(),
                            r.value11(),
                            gateway == null ? null : gateway.name(),
                            gateway == null ? null : gateway.callbacks(),
                            r.value13(),
                            r.value14(),
                            r.value15(),
                            r.value16(),
                            r.value17(),
                            r.value18(),
                            r.value19(),
                            currency,
                            r.value20()));
                }
            }
        });
    }
}
