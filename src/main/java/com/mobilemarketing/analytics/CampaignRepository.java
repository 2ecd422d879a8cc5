package com.mobilemarketing.analytics;

import static com.mobilemarketing.db.Tables.CAMPAIGN;
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
 * from the recipients of the campaign's messages, each read through the recipients' primary key
 * (account, message, contact), so a campaign costs its own recipients, not the account's.
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
            long viberNotBySms) {

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

    /** The campaign's reach, exact, in one statement over its messages' delivered recipients. */
    public CampaignReach reach(long accountId, long campaignId) {
        var row = db.fetchSingle(REACH, accountId, campaignId);
        var perChannel = new EnumMap<Channel, Long>(Channel.class);
        var readFirst = new EnumMap<Channel, Long>(Channel.class);
        for (var channel : Channel.values()) {
            var key = channel.name().toLowerCase(java.util.Locale.ROOT);
            perChannel.put(channel, row.get("reached_" + key, Long.class));
            readFirst.put(channel, row.get("first_" + key, Long.class));
        }
        return new CampaignReach(
                row.get("reached", Long.class),
                row.get("several", Long.class),
                Map.copyOf(perChannel),
                Map.copyOf(readFirst),
                row.get("not_by_sms", Long.class),
                row.get("whatsapp_not_by_sms", Long.class),
                row.get("viber_not_by_sms", Long.class));
    }

    /**
     * Per contact: the channels it was delivered on and its first read per channel (plain
     * aggregates, so one hash aggregation, no sort per contact); then the counts, the earliest read
     * deciding the channel read first (a tie goes to SMS, then WhatsApp). The delivered recipients
     * come from each message's range of the partial index (account, message, contact) where
     * delivered: the work grows with the campaign's own recipients, not with the account's.
     */
    private static final String REACH = """
            with delivered as (
                select r.contact_id, m.channel, r.opened_at
                from message m
                join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                where m.account_id = ? and m.campaign_id = ? and r.delivered_at is not null
            ),
            per_contact as (
                select contact_id,
                       bool_or(channel = 'SMS') as sms,
                       bool_or(channel = 'WHATSAPP') as whatsapp,
                       bool_or(channel = 'VIBER') as viber,
                       min(opened_at) filter (where channel = 'SMS') as sms_read,
                       min(opened_at) filter (where channel = 'WHATSAPP') as whatsapp_read,
                       min(opened_at) filter (where channel = 'VIBER') as viber_read
                from delivered
                group by contact_id
            )
            select count(*) as reached,
                   count(*) filter (where sms::int + whatsapp::int + viber::int > 1) as several,
                   count(*) filter (where sms) as reached_sms,
                   count(*) filter (where whatsapp) as reached_whatsapp,
                   count(*) filter (where viber) as reached_viber,
                   count(*) filter (where sms_read <= coalesce(least(whatsapp_read, viber_read), sms_read)) as first_sms,
                   count(*) filter (where whatsapp_read < coalesce(sms_read, 'infinity')
                                      and whatsapp_read <= coalesce(viber_read, whatsapp_read)) as first_whatsapp,
                   count(*) filter (where viber_read < coalesce(least(sms_read, whatsapp_read), 'infinity')) as first_viber,
                   count(*) filter (where not sms) as not_by_sms,
                   count(*) filter (where whatsapp and not sms) as whatsapp_not_by_sms,
                   count(*) filter (where viber and not sms) as viber_not_by_sms
            from per_contact
            """;
}
