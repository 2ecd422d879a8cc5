package com.mobilemarketing.ingest;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Base of the ingest tests: MockMvc on the shared Spring context (no extra context), and messages
 * with recipients that the tests create in Flora's account and remove afterwards, so other tests
 * see the demo data unchanged.
 */
abstract class IngestTestSupport extends AbstractDatabaseTest {

    /** Flora's SMS gateway with delivery callbacks, and the one without. */
    static final long GATEWAY = 1;

    static final long SILENT_GATEWAY = 2;
    static final String SMS_SECRET = "demo-secret-sms-1";
    static final String WHATSAPP_SECRET = "demo-secret-whatsapp-1";
    static final String VIBER_SECRET = "demo-secret-viber-1";
    static final String VERIFY_TOKEN = "demo-verify-1";
    /** Ids of test messages lie far above the demo data's. */
    private static final AtomicLong NEXT_MESSAGE = new AtomicLong(900_000_000L);

    /** A test message: its id and its recipients' contact ids and provider message ids, in order. */
    record TestMessage(long id, List<Long> contacts, List<String> providerIds) {}

    @Autowired
    private WebApplicationContext context;

    @Autowired
    protected EventFolder folder;

    protected MockMvc mvc;

    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void setUpMockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    @AfterEach
    void removeTestData() {
        folder.foldPending();
        Tenant.runAllAccounts(() -> {
            db.execute("delete from delivery_event where account_id = ? and provider_message_id like 'T%'", FLORA);
            for (var id : created) {
                db.execute("delete from click_event where account_id = ? and message_id = ?", FLORA, id);
                // Recipients first: the rollup trigger needs their message row to find the day's row.
                db.execute("delete from message_recipient where account_id = ? and message_id = ?", FLORA, id);
                db.execute("delete from message where account_id = ? and id = ?", FLORA, id);
            }
            // The rollup rows our recipients created now hold zeros; the recount has no such rows.
            db.execute(
                    "delete from stats_daily where account_id = ? and sent = 0 and delivered = 0 and opened = 0 "
                            + "and clicked = 0 and failed = 0",
                    FLORA);
        });
        created.clear();
    }

    /**
     * A sent message of Flora with {@code recipients} recipients (existing demo contacts) whose
     * provider message ids are {@code T<message>-<n>}, sent at {@code sentAt}, with two links.
     */
    protected TestMessage createMessage(String channel, int recipients, Instant sentAt, boolean withProviderIds) {
        return createMessage(channel, "SMS".equals(channel) ? GATEWAY : null, recipients, sentAt, withProviderIds);
    }

    /** As above, an SMS message sent through the given gateway of Flora. */
    protected TestMessage createMessage(
            String channel, @Nullable Long gatewayId, int recipients, Instant sentAt, boolean withProviderIds) {
        long id = NEXT_MESSAGE.incrementAndGet();
        created.add(id);
        return Tenant.allAccounts(() -> {
            db.execute(
                    "insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id, "
                            + "audience_size, sent_at) values (?, ?, ?, 'Test', ?::channel, ?, 'BULK', 'SENT', 1, ?, ?::timestamptz)",
                    FLORA,
                    id,
                    "Ingest test " + id,
                    channel,
                    gatewayId,
                    recipients,
                    sentAt.toString());
            db.execute(
                    "insert into message_link (account_id, message_id, link_no, url) values "
                            + "(?, ?, 1, 'https://sklep.example.pl/oferta/1'), (?, ?, 2, 'https://sklep.example.pl/koszyk/2')",
                    FLORA,
                    id,
                    FLORA,
                    id);
            var contacts = db.fetch(
                            "select id from contact where account_id = ? order by id limit ?", FLORA, recipients)
                    .getValues(0, Long.class);
            var providerIds = new ArrayList<String>();
            for (int i = 0; i < contacts.size(); i++) {
                providerIds.add("T" + id + "-" + i);
            }
            if (withProviderIds) {
                insertRecipients(id, contacts, providerIds, sentAt);
            }
            return new TestMessage(id, contacts, providerIds);
        });
    }

    /** The send record of recipients, e.g. arriving after their callbacks. */
    protected void insertRecipients(long messageId, List<Long> contacts, List<String> providerIds, Instant sentAt) {
        Tenant.runAllAccounts(() -> {
            for (int i = 0; i < contacts.size(); i++) {
                db.execute(
                        "insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at) "
                                + "values (?, ?, ?, ?, ?::timestamptz)",
                        FLORA,
                        messageId,
                        contacts.get(i),
                        providerIds.get(i),
                        sentAt.toString());
            }
        });
    }

    /** Differences between the maintained counters and rollups and a recount from the raw rows. */
    protected long counterDifferences() {
        return asAllAccounts(() -> queryLong("""
                select (select count(*) from (select * from stats_daily except select * from stats_daily_recount) a)
                     + (select count(*) from (select * from stats_daily_recount except select * from stats_daily) b)
                     + (select count(*) from (select account_id, message_id, recipients, sent, delivered, opened, clicked, failed
                                              from message_stats where recipients > 0
                                              except select * from message_stats_recount) c)
                     + (select count(*) from (select * from message_stats_recount
                                              except select account_id, message_id, recipients, sent, delivered, opened,
                                                            clicked, failed from message_stats) d)
                """));
    }

    protected long eventCount(String providerIdPattern) {
        return asAllAccounts(() -> queryLong(
                "select count(*) from delivery_event where account_id = ? and provider_message_id like ?",
                FLORA,
                providerIdPattern));
    }
}
