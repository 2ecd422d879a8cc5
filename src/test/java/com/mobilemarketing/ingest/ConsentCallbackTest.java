package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.Recount;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.Channel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Opt-outs and opt-ins from the providers: SMS replies (Twilio's inbound webhook), WhatsApp inbound
 * text messages and Viber's unsubscribed / subscribed events. Each is signed, idempotent, refused with
 * a 4xx and nothing stored when forged or malformed, credited to the contact's last message on the
 * channel within the opt-out window, and leaves the current consent, the opt-in counters and every
 * rollup equal to a recount from the consent history, whatever the order of arrival. The test's own
 * contacts (not the demo's) receive the test's messages, and are removed afterwards.
 */
class ConsentCallbackTest extends IngestTestSupport {

    private static final String SMS_PATH = "/callbacks/sms/1/1/inbound";
    private static final String SMS_URL = "http://localhost" + SMS_PATH;
    private static final long ANNA = 990_000_001L;
    private static final long BOGDAN = 990_000_002L;
    private static final String ANNA_PHONE = "+48 100 200 301";
    private static final String BOGDAN_PHONE = "+48 100 200 302";
    private static final long RECENT_SMS = 990_000_101L;
    private static final long OLD_SMS = 990_000_102L;
    private static final long RECENT_WHATSAPP = 990_000_103L;
    private static final long RECENT_VIBER = 990_000_104L;

    @Autowired
    private ConsentRepository consentRepository;

    private Instant now;

    @BeforeEach
    void createContactsAndMessages() {
        now = clock.instant();
        Tenant.runAllAccounts(() -> {
            for (var contact : List.of(ANNA, BOGDAN)) {
                db.execute(
                        "insert into contact (account_id, id, first_name, last_name, phone) values (1, ?, 'Test', ?, ?)",
                        contact,
                        "Zgoda" + contact,
                        contact == ANNA ? ANNA_PHONE : BOGDAN_PHONE);
                db.execute("""
                        insert into consent_change (account_id, contact_id, channel, opted_in, changed_at, source)
                        select 1, ?, c::channel, true, ?::timestamptz, 'ui'
                        from unnest(array['SMS', 'WHATSAPP', 'VIBER']) c
                        """, contact, now.minus(Duration.ofDays(30)).toString());
            }
            message(RECENT_SMS, "SMS", 1L, now.minus(Duration.ofHours(2)));
            message(OLD_SMS, "SMS", 1L, now.minus(Duration.ofDays(5)));
            message(RECENT_WHATSAPP, "WHATSAPP", null, now.minus(Duration.ofHours(3)));
            message(RECENT_VIBER, "VIBER", null, now.minus(Duration.ofHours(1)));
        });
        for (var column : List.of("gained", "lost")) {
            baselines.put(column, viberToday(column));
        }
    }

    private void message(long id, String channel, @Nullable Long gateway, Instant sentAt) {
        db.execute(
                "insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id, "
                        + "audience_size, sent_at) values (1, ?, 'Opt-out test', 'Test', ?::channel, ?, 'BULK', 'SENT', "
                        + "(select min(u.id) from app_user u where u.account_id = 1), 2, ?::timestamptz)",
                id,
                channel,
                gateway,
                sentAt.toString());
        for (var contact : List.of(ANNA, BOGDAN)) {
            db.execute(
                    "insert into message_recipient (account_id, message_id, contact_id, sent_at, delivered_at) "
                            + "values (1, ?, ?, ?::timestamptz, ?::timestamptz)",
                    id,
                    contact,
                    sentAt.toString(),
                    sentAt.plusSeconds(5).toString());
        }
    }

    @AfterEach
    void removeContactsAndMessages() {
        Tenant.runAllAccounts(() -> {
            var ids =
                    List.of(RECENT_SMS, OLD_SMS, RECENT_WHATSAPP, RECENT_VIBER).toArray(Long[]::new);
            db.execute("delete from message_recipient where account_id = 1 and message_id = any(?)", (Object) ids);
            db.execute("delete from message where account_id = 1 and id = any(?)", (Object) ids);
            db.execute(
                    "delete from consent_change where account_id = 1 and contact_id is null and phone like '+48100200%'");
            // The contacts' history and current consent go with them (the opt-in counters follow).
            db.execute("delete from contact where account_id = 1 and id in (?, ?)", ANNA, BOGDAN);
            // Rollup rows only the test's recipients made now hold zeros; the recount has no such rows.
            db.execute("delete from stats_daily where account_id = 1 and (sent, delivered, opened, clicked, failed) "
                    + "= (0, 0, 0, 0, 0)");
            db.execute(
                    "delete from stats_hourly where account_id = 1 and (sent, delivered, opened, clicked) = (0, 0, 0, 0)");
            db.execute(
                    "delete from integration_activity where account_id = 1 and (sent, delivered, failed) = (0, 0, 0)");
            db.execute("delete from cost_daily where account_id = 1 and cost_micros = 0 and unpriced = 0");
            // The consent rollups counted the removed history: recounted from what is left.
            db.execute("select rebuild_consent(1)");
        });
    }

    // ------------------------------------------------------------------ SMS replies

    @Test
    void aReplyIsAnsweredAfterItsCommitWithoutHoldingTheRequestThread() throws Exception {
        var params = smsReply("SMT0009", "+48100200301", "STOP");
        var sent = mvc.perform(smsRequest(params, smsSignature(params)));
        assertThat(sent.andReturn().getRequest().getAsyncContext()).isNotNull();
        answered(sent).andExpect(status().isOk()).andExpect(content().string("ok\n"));
        assertThat(historyRows("SMT0009")).isEqualTo(1);
        assertExact();
    }

    @Test
    void aStopReplyWithdrawsTheSmsConsentAndIsCreditedToTheLastMessageWithinTheWindow() throws Exception {
        long optedInBefore = optInCount("SMS");
        var params = smsReply("SMT0001", "+48100200301", "  Stop ");
        postSms(params, smsSignature(params))
                .andExpect(status().isOk())
                .andExpect(content().string("ok\n"));

        assertThat(consent(ANNA, "SMS")).isFalse();
        assertThat(consent(ANNA, "WHATSAPP")).isTrue();
        assertThat(creditedMessage("SMT0001")).isEqualTo(RECENT_SMS);
        assertThat(messageOptOuts(RECENT_SMS)).isEqualTo(1);
        assertThat(optInCount("SMS")).isEqualTo(optedInBefore - 1);
        assertExact();

        // The provider's retry changes nothing.
        postSms(params, smsSignature(params)).andExpect(status().isOk());
        assertThat(historyRows("SMT0001")).isEqualTo(1);
        assertThat(messageOptOuts(RECENT_SMS)).isEqualTo(1);
        assertThat(optInCount("SMS")).isEqualTo(optedInBefore - 1);
        assertExact();
    }

    @Test
    void aDeletedMessageKeepsTheOptOutsCreditedToItAndFindsThemByIndex() throws Exception {
        var params = smsReply("SMT0010", "+48100200301", "STOP");
        postSms(params, smsSignature(params)).andExpect(status().isOk());
        assertThat(creditedMessage("SMT0010")).isEqualTo(RECENT_SMS);

        asAllAccounts(() -> {
            db.execute("delete from message_recipient where account_id = 1 and message_id = ?", RECENT_SMS);
            return db.execute("delete from message where account_id = 1 and id = ?", RECENT_SMS);
        });
        assertThat(historyRows("SMT0010")).isEqualTo(1);
        assertThat(creditedMessage("SMT0010")).isNull();
        assertThat(consent(ANNA, "SMS")).isFalse();

        // The statement the key's "on delete set null" runs for each deleted message (V195): by key,
        // where the partial index of opt-outs left it reading every consent change of the account.
        var plan = String.join(
                "\n",
                planInTheAppsRole(
                        "update consent_change set message_id = null where account_id = 1 and message_id = ?",
                        RECENT_SMS));
        assertThat(plan).contains("consent_change_message").containsPattern("Index Cond: .*message_id = ");
    }

    @Test
    void polishKeywordsCountWithOrWithoutDiacriticsAndOtherRepliesStoreNothing() throws Exception {
        var polish = smsReply("SMT0002", "48100200302", "rezygnuje");
        postSms(polish, smsSignature(polish)).andExpect(status().isOk());
        assertThat(consent(BOGDAN, "SMS")).isFalse();

        var chat = smsReply("SMT0003", "+48100200301", "Stop sending me flowers? No, keep them coming");
        postSms(chat, smsSignature(chat))
                .andExpect(status().isOk())
                .andExpect(content().string("ignored\n"));
        assertThat(historyRows("SMT0003")).isZero();
        assertThat(consent(ANNA, "SMS")).isTrue();
        assertExact();
    }

    @Test
    void forgedOrMalformedRepliesAreRefusedAndStoreNothing() throws Exception {
        var params = smsReply("SMT0004", "+48100200301", "STOP");
        postSms(params, null).andExpect(status().isForbidden());
        var tampered = new LinkedHashMap<>(params);
        tampered.put("From", "+48100200302");
        postSms(tampered, smsSignature(params)).andExpect(status().isForbidden());
        var noFrom = new LinkedHashMap<>(params);
        noFrom.remove("From");
        postSms(noFrom, smsSignature(noFrom))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("From")));
        var badPhone = new LinkedHashMap<>(params);
        badPhone.put("From", "call me");
        postSms(badPhone, smsSignature(badPhone)).andExpect(status().isBadRequest());
        assertThat(historyRows("SMT0004")).isZero();
        assertThat(consent(ANNA, "SMS")).isTrue();
    }

    @Test
    void aStopFromAnUnknownNumberIsStoredAndCountedButCreditedToNothing() throws Exception {
        var params = smsReply("SMT0005", "+48100200399", "STOP");
        postSms(params, smsSignature(params)).andExpect(status().isOk());
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from consent_change where account_id = 1 and provider_id = 'SMT0005' "
                                + "and contact_id is null and message_id is null and phone = '+48100200399'")))
                .isEqualTo(1);
        assertExact();
    }

    @Test
    void anOptOutAfterTheWindowIsCreditedToNoMessage() throws Exception {
        Tenant.runAllAccounts(() -> db.execute(
                "delete from message_recipient where account_id = 1 and message_id = ? and contact_id = ?",
                RECENT_SMS,
                BOGDAN));
        var params = smsReply("SMT0006", "+48100200302", "QUIT");
        postSms(params, smsSignature(params)).andExpect(status().isOk());
        // Bogdan's last SMS is five days old, beyond the 72-hour window.
        assertThat(creditedMessage("SMT0006")).isNull();
        assertThat(consent(BOGDAN, "SMS")).isFalse();
        assertThat(messageOptOuts(OLD_SMS)).isZero();
        assertExact();
    }

    // ------------------------------------------------------------------ WhatsApp

    @Test
    void aWhatsAppStopMessageWithdrawsTheWhatsAppConsent() throws Exception {
        var body = whatsappMessage("wamid.T0001", "48100200301", "NIE", now.getEpochSecond());
        postWhatsapp(body, Signatures.meta(WHATSAPP_SECRET, body)).andExpect(status().isOk());
        assertThat(consent(ANNA, "WHATSAPP")).isFalse();
        assertThat(consent(ANNA, "SMS")).isTrue();
        assertThat(creditedMessage("wamid.T0001")).isEqualTo(RECENT_WHATSAPP);
        // Again (Meta retries): nothing more.
        postWhatsapp(body, Signatures.meta(WHATSAPP_SECRET, body)).andExpect(status().isOk());
        assertThat(historyRows("wamid.T0001")).isEqualTo(1);
        assertThat(messageOptOuts(RECENT_WHATSAPP)).isEqualTo(1);

        postWhatsapp(body, Signatures.meta("wrong", body)).andExpect(status().isForbidden());
        var malformed = "{\"entry\":[{\"changes\":[{\"value\":{\"messages\":{\"from\":\"1\"}}}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        postWhatsapp(malformed, Signatures.meta(WHATSAPP_SECRET, malformed)).andExpect(status().isBadRequest());
        var noFrom = whatsappMessage("wamid.T0002", "", "STOP", now.getEpochSecond());
        postWhatsapp(noFrom, Signatures.meta(WHATSAPP_SECRET, noFrom)).andExpect(status().isBadRequest());
        assertThat(historyRows("wamid.T0002")).isZero();
        assertExact();
    }

    // ------------------------------------------------------------------ Viber, and the order of arrival

    @Test
    void viberEventsInAnyOrderLeaveTheLatestConsent() throws Exception {
        long t1 = now.minusSeconds(600).toEpochMilli();
        long t2 = now.minusSeconds(60).toEpochMilli();
        var unsubscribed =
                viber("{\"event\":\"unsubscribed\",\"timestamp\":%d,\"user_id\":\"48100200301\",\"message_token\":7001}"
                        .formatted(t1));
        var subscribed = viber(
                "{\"event\":\"subscribed\",\"timestamp\":%d,\"user\":{\"id\":\"48100200301\",\"name\":\"Anna\"},\"message_token\":7002}"
                        .formatted(t2));
        // The later subscription arrives first, the earlier unsubscription after it.
        postViber(subscribed, Signatures.viber(VIBER_SECRET, subscribed)).andExpect(status().isOk());
        postViber(unsubscribed, Signatures.viber(VIBER_SECRET, unsubscribed)).andExpect(status().isOk());
        assertThat(consent(ANNA, "VIBER")).isTrue();
        assertThat(creditedMessage("7001")).isEqualTo(RECENT_VIBER);
        // One opt-out and one opt-in after it: a loss and a gain on the same day.
        assertThat(flow("lost")).isEqualTo(1);
        assertThat(flow("gained")).isEqualTo(1);
        assertExact();

        // Bogdan: the same two events in the other order end the same way.
        var bogdanOut =
                viber("{\"event\":\"unsubscribed\",\"timestamp\":%d,\"user_id\":\"48100200302\",\"message_token\":7003}"
                        .formatted(t1));
        var bogdanIn = viber(
                "{\"event\":\"subscribed\",\"timestamp\":%d,\"user\":{\"id\":\"48100200302\"},\"message_token\":7004}"
                        .formatted(t2));
        postViber(bogdanOut, Signatures.viber(VIBER_SECRET, bogdanOut)).andExpect(status().isOk());
        postViber(bogdanIn, Signatures.viber(VIBER_SECRET, bogdanIn)).andExpect(status().isOk());
        assertThat(consent(BOGDAN, "VIBER")).isTrue();
        assertThat(flow("lost")).isEqualTo(2);
        assertThat(flow("gained")).isEqualTo(2);
        assertThat(messageOptOuts(RECENT_VIBER)).isEqualTo(2);
        assertExact();

        postViber(bogdanOut, Signatures.viber("wrong", bogdanOut)).andExpect(status().isForbidden());
        var noToken = viber("{\"event\":\"unsubscribed\",\"timestamp\":%d,\"user_id\":\"48100200302\"}".formatted(t1));
        postViber(noToken, Signatures.viber(VIBER_SECRET, noToken)).andExpect(status().isBadRequest());
        assertThat(historyRows("7003")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ group commit

    @Test
    void aBatchOfRequestsIsStoredInOneStatementAndEachRequestGetsItsOwnCount() {
        var stop = new ConsentReply(
                Channel.SMS, ConsentReply.Source.SMS_REPLY, "+48100200301", false, "SMT0100", now.minusSeconds(30));
        var bogdanWhatsapp = new ConsentReply(
                Channel.WHATSAPP, ConsentReply.Source.WHATSAPP_REPLY, "+48100200302", false, "wamid.B100", now);
        var stranger =
                new ConsentReply(Channel.SMS, ConsentReply.Source.SMS_REPLY, "+48100200398", false, "SMT0101", now);
        var stored = asAllAccounts(() -> consentRepository.store(List.of(
                new ConsentRepository.Request(1, List.of(stop)),
                // The provider's retry in the same batch: stored once, counted for the first request.
                new ConsentRepository.Request(1, List.of(stop)),
                new ConsentRepository.Request(1, List.of(bogdanWhatsapp, stranger)),
                new ConsentRepository.Request(1, List.of()))));

        assertThat(stored)
                .containsExactly(
                        new ConsentRepository.Stored(1, 0),
                        new ConsentRepository.Stored(0, 0),
                        new ConsentRepository.Stored(2, 1),
                        new ConsentRepository.Stored(0, 0));
        assertThat(historyRows("SMT0100")).isEqualTo(1);
        assertThat(creditedMessage("SMT0100")).isEqualTo(RECENT_SMS);
        assertThat(creditedMessage("wamid.B100")).isEqualTo(RECENT_WHATSAPP);
        assertThat(consent(ANNA, "SMS")).isFalse();
        assertThat(consent(BOGDAN, "WHATSAPP")).isFalse();
        assertExact();
    }

    @Test
    void consentLocksItsContactsApartFromOrdersAndTheFold() {
        var definition =
                queryValue(String.class, "select pg_get_functiondef('consent_change_inserted()'::regprocedure)");
        assertThat(definition).contains("perform lock_keys(7018, ").doesNotContain("lock_contacts(");
    }

    @Test
    void theContactOfAReplyIsFoundThroughTheKeyIndexInTheAppsRole() {
        // Under row-level security a condition on phone_key(phone) cannot use an index (regexp_replace
        // is not leakproof): every contact's key was computed for every batch. The stored key can.
        var plan = planInTheAppsRole(
                "select id from contact where account_id = 1 and phone_key = phone_key(?)", "+48100200301");
        assertThat(String.join("\n", plan)).contains("contact_phone_key").contains("phone_key = ");
        assertThat(recordConsentRepliesDefinition())
                .contains("c.phone_key = r.phone_key")
                .doesNotContain("phone_key(c.phone)");
        assertThat(asAllAccounts(() -> queryValue(
                        Long.class, "select id from contact where account_id = 1 and phone_key = '+48100200301'")))
                .isEqualTo(ANNA);
    }

    @Test
    void theMessageAnOptOutIsCreditedToIsFoundByARangeOfTheContactsIndex() {
        // At 100 M recipients every message of the contact read from the table was a page from disk:
        // the window of the last 72 h is a range of the index (V181), older messages are not read.
        var plan = planInTheAppsRole(
                "select x.message_id from message_recipient x where x.account_id = 1 and x.contact_id = ? "
                        + "and x.sent_at <= now() and x.sent_at > now() - interval '72 hours' "
                        + "order by x.sent_at desc, x.message_id desc limit 1",
                ANNA);
        assertThat(String.join("\n", plan)).contains("message_recipient_contact");
        assertThat(plan.stream().filter(line -> line.contains("Index Cond")))
                .anySatisfy(line -> assertThat(line).contains("contact_id = ").contains("sent_at > "));
        // In record_consent_replies the window's start is per reply. Computed in the statement's
        // condition (functions that are not leakproof) it does not bound the scan under row-level
        // security; computed with the reply first (V185) it does.
        var perReply = "with reply as materialized (select r.*, r.at - make_interval(hours => 72) as since "
                + "from unnest(array[1::bigint], array[?::bigint], array[now()]) r(account_id, contact_id, at)) "
                + "select (select x.message_id from message_recipient x where x.account_id = r.account_id "
                + "and x.contact_id = r.contact_id and x.sent_at <= r.at and %s "
                + "order by x.sent_at desc, x.message_id desc limit 1) from reply r";
        assertThat(planInTheAppsRole(perReply.formatted("x.sent_at > r.since"), ANNA).stream()
                        .filter(line -> line.contains("Index Cond")))
                .anySatisfy(line -> assertThat(line).contains("sent_at > "));
        assertThat(planInTheAppsRole(
                                perReply.formatted(
                                        "x.sent_at > r.at - make_interval(hours => coalesce("
                                                + "(select s.window_hours from opt_out_setting s where s.account_id = r.account_id), 72))"),
                                ANNA)
                        .stream()
                        .filter(line -> line.contains("Index Cond")))
                .noneSatisfy(line -> assertThat(line).contains("sent_at > "));
        assertThat(recordConsentRepliesDefinition())
                .contains("x.sent_at > r.since")
                .contains("reply as materialized");
        // An order's attribution tests these times: with them in the index it is answered from it.
        assertThat(queryValue(String.class, "select pg_get_indexdef('message_recipient_contact'::regclass)"))
                .contains(
                        "(account_id, contact_id, sent_at) INCLUDE (message_id, delivered_at, opened_at, clicked_at)");
    }

    private String recordConsentRepliesDefinition() {
        return queryValue(
                String.class,
                "select pg_get_functiondef('record_consent_replies(int[], bigint[], channel[], text[], boolean[], "
                        + "timestamptz[], text[], text[])'::regprocedure)");
    }

    /** EXPLAIN's lines for the statement as the app runs it (row-level security), scans of whole tables off. */
    private List<String> planInTheAppsRole(String sql, Object... bindings) {
        return asAllAccounts(() -> db.transactionResult(trx -> {
            trx.dsl().execute("set local enable_seqscan = off");
            return trx.dsl().fetch("explain " + sql, bindings).getValues(0, String.class);
        }));
    }

    @Test
    void repliesPostedAtOnceAreAllStoredAndTheRollupsStayExact() throws Exception {
        long optedInBefore = optInCount("SMS");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 40; i++) {
                // Both contacts, each many times (other provider ids), and numbers nobody has.
                var from = switch (i % 4) {
                    case 0 -> "+48100200301";
                    case 1 -> "+48100200302";
                    default -> "+48100200%03d".formatted(i);
                };
                var params = smsReply("SMT1%03d".formatted(i), from, i % 8 == 5 ? "START" : "STOP");
                answers.add(pool.submit(() -> postSms(params, smsSignature(params))
                        .andReturn()
                        .getResponse()
                        .getStatus()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from consent_change where account_id = 1 and provider_id like 'SMT1%'")))
                .isEqualTo(40 - 5); // "START" is not an opt-in keyword for SMS: those five are ignored
        assertThat(consent(ANNA, "SMS")).isFalse();
        assertThat(consent(BOGDAN, "SMS")).isFalse();
        assertThat(optInCount("SMS")).isEqualTo(optedInBefore - 2);
        assertExact();
    }

    // ------------------------------------------------------------------ helpers

    private void assertExact() {
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, FLORA))).isZero();
        assertThat(asAllAccounts(() -> Recount.consentDifferences(db, FLORA))).isZero();
    }

    private boolean consent(long contact, String channel) {
        return asAllAccounts(() -> queryValue(
                Boolean.class,
                "select opted_in from contact_consent where account_id = 1 and contact_id = ? and channel = ?::channel",
                contact,
                channel));
    }

    private long optInCount(String scope) {
        return asAllAccounts(
                () -> queryLong("select contacts from optin_count where account_id = 1 and scope = ?", scope));
    }

    private @Nullable Long creditedMessage(String providerId) {
        return asAllAccounts(() -> db.fetchSingle(
                        "select message_id from consent_change where account_id = 1 and provider_id = ?", providerId)
                .get(0, Long.class));
    }

    private long historyRows(String providerId) {
        return asAllAccounts(() ->
                queryLong("select count(*) from consent_change where account_id = 1 and provider_id = ?", providerId));
    }

    private long messageOptOuts(long messageId) {
        return asAllAccounts(() -> queryLong(
                "select coalesce(sum(opt_outs), 0) from message_opt_out where account_id = 1 and message_id = ?",
                messageId));
    }

    /** Opt-ins gained or lost on Viber today by the test's changes (the demo's of today left out). */
    private long flow(String column) {
        return viberToday(column) - baselines.get(column);
    }

    private final Map<String, Long> baselines = new LinkedHashMap<>();

    private long viberToday(String column) {
        return asAllAccounts(() -> queryLong(
                "select coalesce(sum(" + column + "), 0) from consent_daily where account_id = 1 and channel = 'VIBER' "
                        + "and day = (?::timestamptz at time zone 'Europe/Warsaw')::date",
                now.toString()));
    }

    private static Map<String, String> smsReply(String sid, String from, String body) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", sid);
        params.put("AccountSid", "AC0123456789");
        params.put("From", from);
        params.put("To", "+48500100200");
        params.put("Body", body);
        return params;
    }

    private static String smsSignature(Map<String, String> params) {
        var multi = new LinkedHashMap<String, List<String>>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return Signatures.twilio(SMS_SECRET, SMS_URL, multi);
    }

    private ResultActions postSms(Map<String, String> params, @Nullable String signature) throws Exception {
        // A stored reply is answered asynchronously (after its batch commits); refusals right away.
        return answered(mvc.perform(smsRequest(params, signature)));
    }

    private static MockHttpServletRequestBuilder smsRequest(Map<String, String> params, @Nullable String signature) {
        var body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = post(SMS_PATH)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(body);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request;
    }

    private static byte[] whatsappMessage(String id, String from, String text, long timestamp) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messaging_product\":\"whatsapp\",\"messages\":[{\"from\":\"%s\",\"id\":\"%s\","
                        + "\"timestamp\":\"%d\",\"type\":\"text\",\"text\":{\"body\":\"%s\"}}]}}]}]}")
                .formatted(from, id, timestamp, text)
                .getBytes(StandardCharsets.UTF_8);
    }

    private ResultActions postWhatsapp(byte[] body, String signature) throws Exception {
        return mvc.perform(post("/callbacks/whatsapp/1")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .header("X-Hub-Signature-256", signature));
    }

    private static byte[] viber(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private ResultActions postViber(byte[] body, String signature) throws Exception {
        return mvc.perform(post("/callbacks/viber/1")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .header("X-Viber-Content-Signature", signature));
    }
}
