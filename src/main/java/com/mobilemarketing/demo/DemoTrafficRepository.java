package com.mobilemarketing.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL of the live demo traffic: a small new message "now" per account, with recipients and provider ids. */
@Repository
public class DemoTrafficRepository {

    /** An account's integration to simulate, and the secret to sign its callbacks with. */
    public record DemoChannel(
            long accountId, String channel, @Nullable Long gatewayId, String secret) {}

    /** One recipient of a demo message. */
    public record DemoRecipient(long contactId, String providerMessageId, String phone) {}

    private final DSLContext db;

    public DemoTrafficRepository(DSLContext db) {
        this.db = db;
    }

    /** Every integration that reports delivery: WhatsApp, Viber, and SMS gateways with callbacks. */
    public List<DemoChannel> channels() {
        return db.fetch("""
                        select account_id, channel::text, null::bigint as gateway_id, webhook_secret
                        from channel_integration where channel <> 'SMS'
                        union all
                        select g.account_id, 'SMS', g.id, g.webhook_secret
                        from sms_gateway g
                        where g.supports_callbacks
                          and g.id = (select min(id) from sms_gateway x where x.account_id = g.account_id and x.supports_callbacks)
                        order by 1, 2
                        """)
                .map(r -> new DemoChannel(
                        r.get(0, Long.class), r.get(1, String.class), r.get(2, Long.class), r.get(3, String.class)));
    }

    /** Creates a sent message with a link and {@code size} random recipients, in one transaction; returns its id. */
    public long createMessage(DemoChannel channel, int size, Instant now) {
        return db.transactionResult(trx -> insertMessage(channel, size, now));
    }

    private long insertMessage(DemoChannel channel, int size, Instant now) {
        db.fetch("select pg_advisory_xact_lock(74201, ?::int)", (int) channel.accountId());
        long id = db.fetchSingle(
                        "select coalesce(max(id), 0) + 1 from message where account_id = ?", channel.accountId())
                .get(0, Long.class);
        var at = now.atOffset(ZoneOffset.UTC);
        db.execute(
                """
                insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id,
                                     audience_size, created_at, sent_at)
                select ?, ?, 'Oferta na żywo ' || to_char(?::timestamptz at time zone a.time_zone, 'HH24:MI'),
                       'Sprawdź naszą ofertę specjalną – tylko teraz: https://sklep.example.pl/oferta/' || ?,
                       ?::channel, ?, 'BULK', 'SENT',
                       (select min(u.id) from app_user u where u.account_id = a.id), ?, ?::timestamptz, ?::timestamptz
                from account a where a.id = ?
                """,
                channel.accountId(),
                id,
                at,
                id,
                channel.channel(),
                channel.gatewayId(),
                size,
                at,
                at,
                channel.accountId());
        db.execute(
                "insert into message_link (account_id, message_id, link_no, url) values (?, ?, 1, ?)",
                channel.accountId(),
                id,
                "https://sklep.example.pl/oferta/" + id);
        db.execute("""
                insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at)
                select c.account_id, ?, c.id,
                       case ?::text when 'SMS' then 'SM' || md5(? || ':' || c.id)
                                    when 'WHATSAPP' then 'wamid.' || md5(? || ':' || c.id)
                                    else (? * 100000000 + c.id)::text end,
                       ?::timestamptz
                from contact c where c.account_id = ?
                order by random() limit ?
                """, id, channel.channel(), id, id, id, at, channel.accountId(), size);
        return id;
    }

    public List<DemoRecipient> recipients(long accountId, long messageId) {
        return db.fetch("""
                        select r.contact_id, r.provider_message_id, c.phone
                        from message_recipient r
                        join contact c on c.account_id = r.account_id and c.id = r.contact_id
                        where r.account_id = ? and r.message_id = ?
                        """, accountId, messageId)
                .map(r -> new DemoRecipient(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class)));
    }
}
