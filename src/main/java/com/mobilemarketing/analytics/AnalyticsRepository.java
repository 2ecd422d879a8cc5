package com.mobilemarketing.analytics;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.MESSAGE_COST;
import static com.mobilemarketing.db.Tables.MESSAGE_FAILURE_STATS;
import static com.mobilemarketing.db.Tables.MESSAGE_LATENCY_HISTOGRAM;
import static com.mobilemarketing.db.Tables.MESSAGE_LINK;
import static com.mobilemarketing.db.Tables.MESSAGE_LINK_STATS;
import static com.mobilemarketing.db.Tables.MESSAGE_OPT_OUT;
import static com.mobilemarketing.db.Tables.MESSAGE_STATS;
import static com.mobilemarketing.db.Tables.MESSAGE_TIMELINE;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;
import static org.jooq.impl.DSL.coalesce;

import com.mobilemarketing.core.db.MessageTables;
import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Measurability;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The figures of one message's analytics. They come from message_stats and the analytics rollups
 * (V30), never from counting recipient rows; its recipient lists are {@link RecipientListRepository}.
 * Every query names its account: RLS is the second line, not the first.
 */
@Repository
public class AnalyticsRepository {

    private final DSLContext db;

    public AnalyticsRepository(DSLContext db) {
        this.db = db;
    }

    // ------------------------------------------------------------------------------ records

    /** The message's settings as the header shows them. */
    public record MessageHeader(
            long accountId,
            long id,
            String name,
            String content,
            Channel channel,
            MessageType type,
            MessageState state,
            @Nullable String gatewayName,
            @Nullable Boolean gatewayCallbacks,
            String ownerName,
            @Nullable OffsetDateTime scheduledAt,
            @Nullable OffsetDateTime sentAt,
            String accountName,
            ZoneId timeZone) {

        /** What the channel and the gateway report. */
        public Measurability measurability() {
            return Measurability.of(channel, gatewayCallbacks);
        }

        /** SMS through a gateway that never reports delivery: delivered/undelivered are unknown. */
        public boolean deliveryUnknown() {
            return !measurability().delivery();
        }

        /** SMS has no open signal. */
        public boolean opensMeasurable() {
            return measurability().opens();
        }

        /** The message's counters, credited orders and cost as figures. */
        public Figures figures(Funnel funnel, Revenue revenue, Cost cost) {
            return figures(funnel, revenue, cost, 0);
        }

        /** The message's counters, credited orders, cost and opt-outs as figures. */
        public Figures figures(Funnel funnel, Revenue revenue, Cost cost, long optOuts) {
            return Figures.ofMessage(
                    channel,
                    gatewayCallbacks,
                    funnel.sent(),
                    funnel.delivered(),
                    funnel.opened(),
                    funnel.clicked(),
                    funnel.undelivered(),
                    revenue,
                    cost,
                    optOuts);
        }

        public MessageRef ref() {
            return new MessageRef(accountId, id, channel, timeZone);
        }
    }

    public record Funnel(long recipients, long sent, long delivered, long opened, long clicked, long undelivered) {
        static final Funnel EMPTY = new Funnel(0, 0, 0, 0, 0, 0);
    }

    public record FailureGroup(String errorCode, boolean permanent, long recipients) {}

    public record LinkClicks(short linkNo, String url, long clicks, long uniqueClickers) {}

    public record LatencyBucket(String kind, int bucket, long recipients) {}

    public record TimelineHour(OffsetDateTime hour, long delivered, long opened, long clicked) {}

    // ------------------------------------------------------------------------------ the page

    public Optional<MessageHeader> findMessage(long accountId, long messageId) {
        return db.select(
                        MESSAGE.ACCOUNT_ID,
                        MESSAGE.ID,
                        MESSAGE.NAME,
                        MESSAGE.CONTENT,
                        MESSAGE.CHANNEL,
                        MESSAGE.TYPE,
                        MESSAGE.STATE,
                        SMS_GATEWAY.NAME,
                        SMS_GATEWAY.SUPPORTS_CALLBACKS,
                        APP_USER.FULL_NAME,
                        MESSAGE.SCHEDULED_AT,
                        MESSAGE.SENT_AT,
                        ACCOUNT.NAME,
                        ACCOUNT.TIME_ZONE.convertFrom(ZoneId::of))
                .from(MessageTables.withAccountOwnerAndGateway())
                .where(MESSAGE.ACCOUNT_ID.eq(accountId), MESSAGE.ID.eq(messageId))
                .fetchOptional(Records.mapping(MessageHeader::new));
    }

    /** What the message cost in micros of the account's currency, from its cost rollup. */
    public Cost cost(MessageRef m) {
        var currency = db.select(ACCOUNT.CURRENCY)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(m.accountId()))
                .fetchSingle(ACCOUNT.CURRENCY);
        return db.select(MESSAGE_COST.COST_MICROS, MESSAGE_COST.UNPRICED)
                .from(MESSAGE_COST)
                .where(MESSAGE_COST.ACCOUNT_ID.eq(m.accountId()), MESSAGE_COST.MESSAGE_ID.eq(m.messageId()))
                .fetchOptional(r -> new Cost(r.value1(), 0, r.value2(), currency))
                .orElse(Cost.none(currency));
    }

    public Funnel funnel(MessageRef m) {
        var s = MESSAGE_STATS;
        return db.select(s.RECIPIENTS, s.SENT, s.DELIVERED, s.OPENED, s.CLICKED, s.FAILED)
                .from(s)
                .where(s.ACCOUNT_ID.eq(m.accountId()), s.MESSAGE_ID.eq(m.messageId()))
                .fetchOptional(Records.mapping(Funnel::new))
                .orElse(Funnel.EMPTY);
    }

    /** Undelivered recipients per reason, largest group first. */
    public List<FailureGroup> failureGroups(MessageRef m) {
        var f = MESSAGE_FAILURE_STATS;
        return db.select(f.ERROR_CODE, f.PERMANENT, f.RECIPIENTS)
                .from(f)
                .where(f.ACCOUNT_ID.eq(m.accountId()), f.MESSAGE_ID.eq(m.messageId()), f.RECIPIENTS.gt(0L))
                .orderBy(f.RECIPIENTS.desc(), f.ERROR_CODE, f.PERMANENT)
                .fetch(Records.mapping(FailureGroup::new));
    }

    /** Every link of the message with its total clicks and unique clickers (zero when none). */
    public List<LinkClicks> linkClicks(MessageRef m) {
        var l = MESSAGE_LINK;
        var s = MESSAGE_LINK_STATS;
        return db.select(l.LINK_NO, l.URL, coalesce(s.CLICKS, 0L), coalesce(s.UNIQUE_CLICKERS, 0L))
                .from(l)
                .leftJoin(s)
                .on(s.ACCOUNT_ID.eq(l.ACCOUNT_ID), s.MESSAGE_ID.eq(l.MESSAGE_ID), s.LINK_NO.eq(l.LINK_NO))
                .where(l.ACCOUNT_ID.eq(m.accountId()), l.MESSAGE_ID.eq(m.messageId()))
                .orderBy(l.LINK_NO)
                .fetch(Records.mapping(LinkClicks::new));
    }

    public List<LatencyBucket> latencyHistogram(MessageRef m) {
        var h = MESSAGE_LATENCY_HISTOGRAM;
        return db.select(h.KIND, h.BUCKET, h.RECIPIENTS)
                .from(h)
                .where(h.ACCOUNT_ID.eq(m.accountId()), h.MESSAGE_ID.eq(m.messageId()), h.RECIPIENTS.gt(0L))
                .orderBy(h.KIND, h.BUCKET)
                .fetch(Records.mapping(LatencyBucket::new));
    }

    public List<TimelineHour> timeline(MessageRef m) {
        var t = MESSAGE_TIMELINE;
        return db.select(t.HOUR, t.DELIVERED, t.OPENED, t.CLICKED)
                .from(t)
                .where(t.ACCOUNT_ID.eq(m.accountId()), t.MESSAGE_ID.eq(m.messageId()))
                .and(t.DELIVERED.ne(0L).or(t.OPENED.ne(0L)).or(t.CLICKED.ne(0L)))
                .orderBy(t.HOUR)
                .fetch(Records.mapping(TimelineHour::new));
    }

    /** Contacts who opted out credited to the message, from its rollup. */
    public long optOuts(MessageRef m) {
        return db.select(MESSAGE_OPT_OUT.OPT_OUTS)
                .from(MESSAGE_OPT_OUT)
                .where(MESSAGE_OPT_OUT.ACCOUNT_ID.eq(m.accountId()), MESSAGE_OPT_OUT.MESSAGE_ID.eq(m.messageId()))
                .fetchOptional(MESSAGE_OPT_OUT.OPT_OUTS)
                .orElse(0L);
    }
}
