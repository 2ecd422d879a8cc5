package com.mobilemarketing;

import com.mobilemarketing.core.db.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Builds the messages a test writes to: sent messages of a demo account with ids far above the demo
 * data's, recipients among the account's contacts with provider ids {@code T<message>-<n>}, and two
 * links. {@link #removeAll} deletes exactly these rows again (with their events and clicks), so
 * the demo rows are never edited and other tests see them unchanged.
 */
public final class TestMessages {

    /** Ids of test messages lie far above the demo data's. */
    private static final AtomicLong NEXT_ID = new AtomicLong(900_000_000L);

    /** A test message: its id and its recipients' contact ids and provider message ids, in order. */
    public record TestMessage(long accountId, long id, List<Long> contacts, List<String> providerIds) {}

    private final DSLContext db;
    private final List<TestMessage> created = new ArrayList<>();

    public TestMessages(DSLContext db) {
        this.db = db;
    }

    /**
     * A sent message of {@code accountId} with {@code recipients} recipients sent at {@code sentAt};
     * without {@code withRecipients} only the message, its links and the planned provider ids.
     */
    public TestMessage create(
            long accountId,
            String channel,
            @Nullable Long gatewayId,
            int recipients,
            Instant sentAt,
            boolean withRecipients) {
        long id = NEXT_ID.incrementAndGet();
        return Tenant.allAccounts(() -> {
            db.execute(
                    "insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id, "
                            + "audience_size, sent_at) values (?, ?, ?, 'Test', ?::channel, ?, 'BULK', 'SENT', "
                            + "(select min(u.id) from app_user u where u.account_id = ?), ?, ?::timestamptz)",
                    accountId,
                    id,
                    "Test message " + id,
                    channel,
                    gatewayId,
                    accountId,
                    recipients,
                    sentAt.toString());
            db.execute(
                    "insert into message_link (account_id, message_id, link_no, url) values "
                            + "(?, ?, 1, 'https://sklep.example.pl/oferta/1'), (?, ?, 2, 'https://sklep.example.pl/koszyk/2')",
                    accountId,
                    id,
                    accountId,
                    id);
            var contacts = db.fetch(
                            "select id from contact where account_id = ? order by id limit ?", accountId, recipients)
                    .getValues(0, Long.class);
            var providerIds = new ArrayList<String>();
            for (int i = 0; i < contacts.size(); i++) {
                providerIds.add("T" + id + "-" + i);
            }
            var message = new TestMessage(accountId, id, contacts, providerIds);
            created.add(message);
            if (withRecipients) {
                insertRecipients(message, sentAt);
            }
            return message;
        });
    }

    /** The send record of the message's recipients, e.g. arriving after their callbacks. */
    public void insertRecipients(TestMessage message, Instant sentAt) {
        Tenant.runAllAccounts(() -> {
            for (int i = 0; i < message.contacts().size(); i++) {
                db.execute(
                        "insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at) "
                                + "values (?, ?, ?, ?, ?::timestamptz)",
                        message.accountId(),
                        message.id(),
                        message.contacts().get(i),
                        message.providerIds().get(i),
                        sentAt.toString());
            }
        });
    }

    /** Deletes every row of the messages built here; the rollup rows they alone made are dropped too. */
    public void removeAll() {
        Tenant.runAllAccounts(() -> {
            for (var message : created) {
                var account = message.accountId();
                db.execute(
                        "delete from delivery_event where account_id = ? and provider_message_id like ?",
                        account,
                        "T" + message.id() + "-%");
                db.execute("delete from click_event where account_id = ? and message_id = ?", account, message.id());
                // Recipients first: the rollup trigger needs their message row to find the day's row.
                db.execute(
                        "delete from message_recipient where account_id = ? and message_id = ?", account, message.id());
                db.execute("delete from message where account_id = ? and id = ?", account, message.id());
                // The rollup rows only our recipients made now hold zeros; the recount has no such rows.
                db.execute(
                        "delete from stats_daily where account_id = ? and sent = 0 and delivered = 0 and opened = 0 "
                                + "and clicked = 0 and failed = 0",
                        account);
                db.execute(
                        "delete from stats_hourly where account_id = ? and sent = 0 and delivered = 0 and opened = 0 "
                                + "and clicked = 0",
                        account);
                db.execute(
                        "delete from integration_activity where account_id = ? and sent = 0 and delivered = 0 "
                                + "and failed = 0",
                        account);
            }
        });
        created.clear();
    }
}
