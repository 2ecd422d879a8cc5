package com.mobilemarketing.ingest;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.Poll;
import com.mobilemarketing.Recount;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.TestMessages.TestMessage;
import com.mobilemarketing.core.db.Tenant;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Base of the ingest tests: MockMvc on the shared Spring context (no extra context), and messages
 * with recipients that the tests build in Flora's account ({@link TestMessages}) and remove
 * afterwards, so other tests see the demo data unchanged.
 */
abstract class IngestTestSupport extends AbstractDatabaseTest {

    /** Flora's SMS gateway with delivery callbacks, and the one without. */
    static final long GATEWAY = 1;

    static final long SILENT_GATEWAY = 2;
    static final String SMS_SECRET = "demo-secret-sms-1";
    static final String WHATSAPP_SECRET = "demo-secret-whatsapp-1";
    static final String VIBER_SECRET = "demo-secret-viber-1";
    static final String VERIFY_TOKEN = "demo-verify-1";

    @Autowired
    private WebApplicationContext context;

    @Autowired
    protected EventFolder folder;

    @Autowired
    private CallbackFilter callbacks;

    protected MockMvc mvc;

    private TestMessages messages;

    @BeforeEach
    void setUpMockMvc() {
        messages = new TestMessages(db);
        // The callback filter first, as in the server's filter chain, then Spring Security's.
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(callbacks)
                .apply(springSecurity())
                .build();
    }

    /**
     * The request's answer once it is complete, also when it is answered later by another thread
     * (an SMS reply, after its batch commits).
     */
    protected static ResultActions answered(ResultActions sent) {
        var request = sent.andReturn().getRequest();
        Poll.until(request::isAsyncStarted, started -> !started, () -> {});
        return sent;
    }

    @AfterEach
    void removeTestData() {
        folder.foldPending();
        // Callbacks for provider ids no recipient has (orphans) belong to no test message.
        Tenant.runAllAccounts(() ->
                db.execute("delete from delivery_event where account_id = ? and provider_message_id like 'T%'", FLORA));
        messages.removeAll();
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
        return messages.create(FLORA, channel, gatewayId, recipients, sentAt, withProviderIds);
    }

    /** The send record of recipients, e.g. arriving after their callbacks. */
    protected void insertRecipients(TestMessage message, Instant sentAt) {
        messages.insertRecipients(message, sentAt);
    }

    /** Differences between the maintained counters and rollups and a recount from the raw rows. */
    protected long counterDifferences() {
        return asAllAccounts(() -> Recount.counterDifferences(db));
    }

    protected long eventCount(String providerIdPattern) {
        return asAllAccounts(() -> queryLong(
                "select count(*) from delivery_event where account_id = ? and provider_message_id like ?",
                FLORA,
                providerIdPattern));
    }
}
