package com.mobilemarketing.analytics;

import static com.mobilemarketing.db.Tables.CAMPAIGN;
import static com.mobilemarketing.db.Tables.CAMPAIGN_REACH;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.MESSAGE_STATS;
import static org.jooq.impl.DSL.select;

import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Campaigns: one send on several channels, a message per channel. Their reach is counted exactly
 * from the recipients of the campaign's messages (campaign_reach_count, V173) and kept with the
 * version of the recipients it counted, so a view reads one row however large the campaign.
 */
@Repository
public class CampaignRepository {

    private final DSLContext db;

    public CampaignRepository(DSLContext db) {
        this.db = db;
    }

    public record Campaign(long accountId, long id, String name, OffsetDateTime createdAt) {}

    /** A message of a campaign with its delivered count (null: not sent yet). */
    public record CampaignMessage(
            long id,
            String name,
            Channel channel,
            MessageState state,
            @Nullable OffsetDateTime sentAt,
            long delivered) {}

    /**
     * Distinct contacts reached (delivered on at least one of the campaign's channels): in all, on
     * more than one channel, per channel, by the channel they read first (WhatsApp and Viber report
     * reads; SMS cannot), and those reached on WhatsApp or on Viber but not by SMS — what those
     * channels add to SMS alone.
     */
    public record CampaignReach(
            long reached,
            long onSeveralChannels,
            Map<Channel, Long> perChannel,
            Map<Channel, Long> readFirst,
            long notBySms,
            long whatsAppNotBySms,
            long viberNotBySms,
            @Nullable OffsetDateTime countedAt,
            boolean current) {

        /** A campaign not counted yet. */
        static final CampaignReach NONE = new CampaignReach(0, 0, Map.of(), Map.of(), 0, 0, 0, null, false);

        /** Whether there is a count to show (current or not). */
        public boolean counted() {
            return countedAt != null;
        }

        public long of(Channel channel) {
            return perChannel.getOrDefault(channel, 0L);
        }

        public long readFirstOn(Channel channel) {
            return readFirst.getOrDefault(channel, 0L);
        }
    }

    /** The campaign the message belongs to, if any. */
    public Optional<Campaign> campaignOf(long accountId, long messageId) {
        var ofMessage = select(MESSAGE.CAMPAIGN_ID)
                .from(MESSAGE)
                .where(MESSAGE.ACCOUNT_ID.eq(accountId), MESSAGE.ID.eq(messageId));
        return db.selectFrom(CAMPAIGN)
                .where(CAMPAIGN.ACCOUNT_ID.eq(accountId), CAMPAIGN.ID.eq(ofMessage))
                .fetchOptional(c -> new Campaign(c.getAccountId(), c.getId(), c.getName(), c.getCreatedAt()));
    }

    /** The campaign's messages in channel order, with their delivered counters. */
    public List<CampaignMessage> messages(long accountId, long campaignId) {
        var delivered = DSL.coalesce(MESSAGE_STATS.DELIVERED, 0L);
        return db.select(MESSAGE.ID, MESSAGE.NAME, MESSAGE.CHANNEL, MESSAGE.STATE, MESSAGE.SENT_AT, delivered)
                .from(MESSAGE.leftJoin(MESSAGE_STATS)
                        .on(MESSAGE_STATS.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), MESSAGE_STATS.MESSAGE_ID.eq(MESSAGE.ID)))
                .where(MESSAGE.ACCOUNT_ID.eq(accountId), MESSAGE.CAMPAIGN_ID.eq(campaignId))
                .orderBy(MESSAGE.CHANNEL, MESSAGE.ID)
                .fetch(Records.mapping(CampaignMessage::new));
    }

    /**
     * The campaign's reach as kept in campaign_reach (V173): exact for the recipients it counted.
     * When recipients changed since, a campaign of at most {@link #COUNT_NOW_UP_TO} recipients is counted
     * again now; a larger one keeps its last count (with its time, {@link CampaignReach#current()}
     * false) until {@link CampaignReachTask} counts it in the background.
     */
    public CampaignReach reach(long accountId, long campaignId) {
        return reach(accountId, campaignId, COUNT_NOW_UP_TO);
    }

    CampaignReach reach(long accountId, long campaignId, long countNowUpTo) {
        var kept = kept(accountId, campaignId);
        if (kept != null && !kept.current() && recipients(accountId, campaignId) <= countNowUpTo) {
            refresh(accountId, campaignId);
            kept = kept(accountId, campaignId);
        }
        return kept != null ? kept : CampaignReach.NONE;
    }

    /** A campaign by its key. */
    public record CampaignKey(long accountId, long campaignId) {}

    /** Campaigns of any account whose kept reach is stale, after {@code after} in key order, at most {@code limit}. */
    public List<CampaignKey> stale(CampaignKey after, int limit) {
        return db.select(CAMPAIGN_REACH.ACCOUNT_ID, CAMPAIGN_REACH.CAMPAIGN_ID)
                .from(CAMPAIGN_REACH)
                .where(CAMPAIGN_REACH.VERSION.ne(CAMPAIGN_REACH.COUNTED_VERSION))
                .and(DSL.row(CAMPAIGN_REACH.ACCOUNT_ID, CAMPAIGN_REACH.CAMPAIGN_ID)
                        .gt(after.accountId(), after.campaignId()))
                .orderBy(CAMPAIGN_REACH.ACCOUNT_ID, CAMPAIGN_REACH.CAMPAIGN_ID)
                .limit(limit)
                .fetch(Records.mapping(CampaignKey::new));
    }

    /** Counts one campaign's reach now (one statement: the count and its version from one snapshot). */
    public void refresh(long accountId, long campaignId) {
        db.execute("select refresh_campaign_reach(?, ?)", accountId, campaignId);
    }

    /** Up to this many recipients a stale campaign is counted when viewed (well under 100 ms). */
    static final long COUNT_NOW_UP_TO = 200_000;

    private long recipients(long accountId, long campaignId) {
        return db.select(DSL.coalesce(DSL.sum(MESSAGE_STATS.RECIPIENTS), java.math.BigDecimal.ZERO))
                .from(MESSAGE.join(MESSAGE_STATS)
                        .on(MESSAGE_STATS.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), MESSAGE_STATS.MESSAGE_ID.eq(MESSAGE.ID)))
                .where(MESSAGE.ACCOUNT_ID.eq(accountId), MESSAGE.CAMPAIGN_ID.eq(campaignId))
                .fetchSingle()
                .value1()
                .longValue();
    }

    private @Nullable CampaignReach kept(long accountId, long campaignId) {
        var r = db.selectFrom(CAMPAIGN_REACH)
                .where(CAMPAIGN_REACH.ACCOUNT_ID.eq(accountId), CAMPAIGN_REACH.CAMPAIGN_ID.eq(campaignId))
                .fetchOne();
        if (r == null) {
            return null;
        }
        var perChannel = new EnumMap<Channel, Long>(Channel.class);
        perChannel.put(Channel.SMS, r.getReachedSms());
        perChannel.put(Channel.WHATSAPP, r.getReachedWhatsapp());
        perChannel.put(Channel.VIBER, r.getReachedViber());
        var readFirst = new EnumMap<Channel, Long>(Channel.class);
        readFirst.put(Channel.SMS, r.getFirstSms());
        readFirst.put(Channel.WHATSAPP, r.getFirstWhatsapp());
        readFirst.put(Channel.VIBER, r.getFirstViber());
        return new CampaignReach(
                r.getReached(),
                r.getSeveral(),
                Map.copyOf(perChannel),
                Map.copyOf(readFirst),
                r.getNotBySms(),
                r.getWhatsappNotBySms(),
                r.getViberNotBySms(),
                r.getCountedAt(),
                r.getVersion().equals(r.getCountedVersion()));
    }
}
