package com.mobilemarketing.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.Recount;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.sms.SmsParts;
import com.mobilemarketing.ingest.EventFolder;
import com.mobilemarketing.ingest.IngestRepository;
import com.mobilemarketing.ingest.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each recipient's cost is fixed from the tariff valid when it was sent and the cost rollups equal a
 * recount: the SMS part rule of the database equals the application's, tariffs by country and
 * category, billed or not when undelivered, and a later tariff never rewrites what was sent.
 */
class CostTest extends AbstractDatabaseTest {

    @Autowired
    private IngestRepository ingest;

    @Autowired
    private EventFolder folder;

    private TestMessages messages;
    private final List<Long> tariffs = new ArrayList<>();
    private final List<Long> contacts = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        if (messages != null) {
            messages.removeAll();
        }
        Tenant.runAllAccounts(() -> {
            db.execute("delete from tariff where account_id = ? and id = any(?)", FLORA, tariffs.toArray(Long[]::new));
            db.execute(
                    "delete from contact where account_id = ? and id = any(?)", FLORA, contacts.toArray(Long[]::new));
            db.execute("delete from cost_daily where account_id = ? and cost_micros = 0 and unpriced = 0", FLORA);
        });
    }

    @Test
    void theDatabaseCountsSmsPartsAsTheApplicationDoes() {
        var bodies = new ArrayList<>(List.of(
                "",
                "a".repeat(160),
                "a".repeat(161),
                "a".repeat(306),
                "a".repeat(307),
                "€".repeat(80),
                "€".repeat(80) + "a",
                "a".repeat(152) + "{" + "a".repeat(152),
                "[a]{b}~^\\|\f",
                "$ @ £ ¥ è é ù ì ò Ç Ø ø Å å Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ Æ æ ß É ¤ ¡ Ä Ö Ñ Ü § ¿ ä ö ñ ü à ' \" \n\r",
                "ą",
                "ż" + "a".repeat(69),
                "ż" + "a".repeat(70),
                "ó" + "a".repeat(133),
                "ó" + "a".repeat(134),
                "„cudzysłów”",
                "😀".repeat(35),
                "😀".repeat(35) + "a",
                "a".repeat(66) + "😀" + "a".repeat(66),
                "Wiosenna wyprzedaż: -20% na tulipany i róże do niedzieli! Kod WIOSNA20 w koszyku."));
        var random = new Random(SEED);
        var alphabet = "aZ09 €[]{}ąęśćżźółń😀\n.,!?@£";
        for (int i = 0; i < 200; i++) {
            var text = new StringBuilder();
            int length = random.nextInt(400);
            while (text.length() < length) {
                text.appendCodePoint(alphabet.codePointAt(
                        alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            // Mostly GSM-7 bodies: drop the others with some luck, so both encodings are walked.
            bodies.add(random.nextBoolean() ? text.toString().replaceAll("[^\\x00-\\x7F€£@]", "a") : text.toString());
        }
        for (var body : bodies) {
            assertThat(queryLong("select sms_parts(?)::bigint", body))
                    .as("parts of %s", body)
                    .isEqualTo(SmsParts.of(body).parts());
        }
    }

    @Test
    void theDemoIsPricedAndItsCostRollupsEqualTheRecount() {
        for (var account : List.of(FLORA, SPORT)) {
            var unpriced = asAllAccounts(() -> queryLong(
                    "select count(*) from message_recipient where account_id = ? and sent_at is not null and cost is null",
                    account));
            assertThat(unpriced).isZero();
            // Each stored cost is what the tariff valid at its send time gives (the demo has no pricing reports).
            var differing = asAllAccounts(() -> queryLong("""
                    select count(*) from message_recipient r
                    left join lateral recipient_price(r.account_id, r.message_id, r.contact_id, r.sent_at, null) p on true
                    where r.account_id = ? and r.sent_at is not null
                      and (r.cost, r.cost_undelivered) is distinct from (p.cost, p.cost_undelivered)
                    """, account));
            assertThat(differing).isZero();
            var total = asAllAccounts(() -> queryLong(
                    "select coalesce(sum(cost_micros), 0)::bigint from cost_daily where account_id = ?", account));
            assertThat(total).isPositive();
            assertThat(asAllAccounts(() -> Recount.counterDifferences(db, account)))
                    .isZero();
        }
        // The callback gateway's price went up three months back: both prices are in the history.
        var prices = asAllAccounts(() -> db.fetch("""
                        select distinct r.cost / m.sms_parts from message_recipient r
                        join message m on m.account_id = r.account_id and m.id = r.message_id
                        where r.account_id = 1 and m.gateway_id = 1 and r.sent_at is not null
                        """).getValues(0, Long.class));
        assertThat(prices).containsExactlyInAnyOrder(70_000L, 75_000L);
    }

    @Test
    void aRecipientIsPricedWhenSentAndALaterTariffDoesNotRewriteIt() {
        messages = new TestMessages(db);
        var sentAt = clock.instant().minus(Duration.ofHours(2));
        var first = messages.create(FLORA, "SMS", 1L, 3, sentAt, true);
        // "Test": one GSM-7 part at the callback gateway's current Polish price.
        assertThat(costs(first.id())).containsOnly(75_000L);

        // A new tariff valid from before that send: what was sent keeps its cost.
        newTariff("sms:1", sentAt.minus(Duration.ofHours(1)).toString(), true, "('PL', '', 99000)");
        assertThat(costs(first.id())).containsOnly(75_000L);
        var second = messages.create(FLORA, "SMS", 1L, 2, clock.instant().minus(Duration.ofMinutes(5)), true);
        assertThat(costs(second.id())).containsOnly(99_000L);
        assertThat(rollup(first.id())).isEqualTo(3 * 75_000L);
        assertThat(rollup(second.id())).isEqualTo(2 * 99_000L);
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, FLORA))).isZero();
    }

    @Test
    void undeliveredOutcomesAreBilledOnlyWhereTheTariffSaysSo() {
        messages = new TestMessages(db);
        var sentAt = clock.instant().minus(Duration.ofHours(1));
        var sms = messages.create(FLORA, "SMS", 1L, 2, sentAt, true);
        var viber = messages.create(FLORA, "VIBER", null, 3, sentAt, true);
        // Viber bills delivered messages only: nothing while the outcome is unknown.
        assertThat(rollup(viber.id())).isZero();
        Tenant.runAllAccounts(() -> {
            db.execute(
                    "update message_recipient set delivered_at = sent_at + interval '3 seconds' "
                            + "where account_id = ? and message_id = ? and contact_id = ?",
                    FLORA,
                    viber.id(),
                    viber.contacts().get(0));
            db.execute(
                    "update message_recipient set failed_at = sent_at + interval '3 seconds' "
                            + "where account_id = ? and message_id in (?, ?) and contact_id = ?",
                    FLORA,
                    viber.id(),
                    sms.id(),
                    viber.contacts().get(1));
        });
        assertThat(rollup(viber.id())).isEqualTo(90_000L);
        // The SMS gateway bills every submitted part, failed or not.
        assertThat(rollup(sms.id())).isEqualTo(2 * 75_000L);
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, FLORA))).isZero();
    }

    @Test
    void pricesFollowTheDestinationCountryAndTheWhatsAppCategory() {
        messages = new TestMessages(db);
        var contact = asAllAccounts(() -> queryLong(
                "insert into contact (account_id, first_name, last_name, phone) "
                        + "values (?, 'Hans', 'Müller', '+49 151 2345 6789') returning id",
                FLORA));
        contacts.add(contact);
        var sentAt = clock.instant().minus(Duration.ofMinutes(30));
        var whatsapp = messages.create(FLORA, "WHATSAPP", null, 1, sentAt, true);
        // A bulk message opens a marketing conversation.
        assertThat(costs(whatsapp.id())).containsOnly(240_000L);
        var abroad = messages.create(FLORA, "SMS", 1L, 0, sentAt, false);
        sendTo(abroad.id(), contact, sentAt);
        // Germany has no price of its own: the price for every other country.
        assertThat(costs(abroad.id())).containsOnly(290_000L);
        assertThat(asAllAccounts(() -> queryValue(String.class, "select phone_country('+420 601 234 567')")))
                .isEqualTo("CZ");
    }

    /**
     * A phone's country is the longest prefix of the table its key starts with after the '+': for every
     * contact's phone and for keys at the edges (no '+', shorter than a prefix, a prefix of a prefix,
     * no known prefix) the lookup by prefix (V189) gives what comparing with every prefix gives.
     */
    @Test
    void aPhonesCountryIsTheLongestPrefixItStartsWith() {
        var edges = new String[] {
            "+420 601 234 567",
            "+421601234567",
            "+42",
            "+4",
            "+",
            "",
            "48 600 100 200",
            "0048600100200",
            "+1 (212) 555-0100",
            "+358 40 123 4567",
            "+35",
            "+999 123",
            "+48+48",
            "++48600"
        };
        var differing = asAllAccounts(() -> queryLong("""
                select count(*)
                from (select phone from contact union all select unnest(?::text[])) x
                where phone_country(x.phone) is distinct from (
                    select pc.country from phone_country pc
                    where phone_key(x.phone) like '+' || pc.prefix || '%'
                    order by length(pc.prefix) desc
                    limit 1)
                """, (Object) edges));
        assertThat(differing).isZero();
        assertThat(asAllAccounts(
                        () -> queryStrings("select coalesce(phone_country(p), '-') from unnest(?::text[]) p", (Object)
                                new String[] {"+1 212 555 0100", "+358401234567", "+4", "48600100200", "+420"})))
                .containsExactly("US", "FI", "-", "-", "CZ");
    }

    /**
     * A contact's country is stored (V192) and the price reads it: set when the contact is inserted and
     * when its phone changes, left alone by other changes, and recomputed for the contacts a change of
     * the prefix table moves. Every contact of the shared database holds what the lookup gives.
     */
    @Test
    void aContactsStoredCountryFollowsItsPhoneAndThePrefixTable() {
        var contact = asAllAccounts(() -> queryLong(
                "insert into contact (account_id, first_name, last_name, phone) "
                        + "values (?, 'Jana', 'Nováková', '+420 601 234 567') returning id",
                FLORA));
        contacts.add(contact);
        assertThat(countryOf(contact)).isEqualTo("CZ");
        asAllAccounts(() -> db.execute(
                "update contact set phone = '+49 89 1234 5678' where account_id = ? and id = ?", FLORA, contact));
        assertThat(countryOf(contact)).isEqualTo("DE");
        asAllAccounts(() -> db.execute(
                "update contact set phone = '+999 123 456' where account_id = ? and id = ?", FLORA, contact));
        assertThat(countryOf(contact)).isNull();
        asAllAccounts(() -> db.execute(
                "update contact set phone = '+49 89 1234 5678' where account_id = ? and id = ?", FLORA, contact));

        // A longer prefix moves the contacts it matches, and only those; removing it moves them back.
        var others = otherContactVersions(contact);
        db.transaction(trx -> trx.dsl().execute("insert into phone_country (prefix, country) values ('4989', 'ZZ')"));
        try {
            assertThat(countryOf(contact)).isEqualTo("ZZ");
            assertThat(otherContactVersions(contact)).isEqualTo(others);
        } finally {
            db.transaction(trx -> trx.dsl().execute("delete from phone_country where prefix = '4989'"));
        }
        assertThat(countryOf(contact)).isEqualTo("DE");
        assertThat(asAllAccounts(() ->
                        queryLong("select count(*) from contact where country is distinct from phone_country(phone)")))
                .isZero();

        // The price reads the stored country, not the phone: a German number stored as Polish pays the
        // Polish price, not the one for every other country (a change of the name keeps the country).
        asAllAccounts(
                () -> db.execute("update contact set country = 'PL' where account_id = ? and id = ?", FLORA, contact));
        asAllAccounts(() ->
                db.execute("update contact set first_name = 'Hanna' where account_id = ? and id = ?", FLORA, contact));
        assertThat(countryOf(contact)).isEqualTo("PL");
        messages = new TestMessages(db);
        var sentAt = clock.instant().minus(Duration.ofMinutes(30));
        var abroad = messages.create(FLORA, "SMS", 1L, 0, sentAt, false);
        sendTo(abroad.id(), contact, sentAt);
        assertThat(costs(abroad.id()))
                .containsOnly(asAllAccounts(() -> queryLong(
                        "select p.cost from recipient_price(?, ?, ?, ?::timestamptz, null) p",
                        FLORA,
                        abroad.id(),
                        contact,
                        sentAt.toString())))
                .doesNotContain(290_000L);
    }

    /** Sends a message to one more contact: the pricing trigger prices the recipient. */
    private void sendTo(long message, long contact, Instant sentAt) {
        Tenant.runAllAccounts(() -> db.execute(
                "insert into message_recipient (account_id, message_id, contact_id, sent_at) "
                        + "values (?, ?, ?, ?::timestamptz)",
                FLORA,
                message,
                contact,
                sentAt.toString()));
    }

    private @Nullable String countryOf(long contact) {
        return asAllAccounts(() -> queryValue(
                String.class, "select country from contact where account_id = ? and id = ?", FLORA, contact));
    }

    /** The row version (xmin) of every other contact: an update that changes nothing still writes a new one. */
    private String otherContactVersions(long contact) {
        return asAllAccounts(() -> queryValue(
                String.class,
                "select string_agg(account_id || ':' || id || ':' || xmin, ',' order by account_id, id) from contact "
                        + "where (account_id, id) <> (?, ?)",
                FLORA,
                contact));
    }

    @Test
    void aWhatsAppReportsPricingObjectSetsTheCategoryAndWhetherItIsBilled() {
        messages = new TestMessages(db);
        var sentAt = clock.instant().minus(Duration.ofMinutes(20));
        var message = messages.create(FLORA, "WHATSAPP", null, 3, sentAt, true);
        assertThat(costs(message.id())).containsOnly(240_000L);
        var at = sentAt.plusSeconds(2);
        var ids = message.providerIds();
        fold(
                pricing(ids.get(0), StatusEvent.SENT, at, "UTILITY", true),
                pricing(ids.get(0), StatusEvent.DELIVERED, at.plusSeconds(1), "UTILITY", true),
                pricing(ids.get(1), StatusEvent.DELIVERED, at, "SERVICE", false),
                pricing(ids.get(2), StatusEvent.DELIVERED, at, null, null));
        assertThat(costs(message.id())).containsExactly(95_000L, 0L, 240_000L);
        assertThat(rollup(message.id())).isEqualTo(95_000L + 240_000L);
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, FLORA))).isZero();
    }

    @Test
    void aRecipientIsPricedByItsEarliestPricingObjectWhateverTheOrderTheReportsArriveIn() {
        messages = new TestMessages(db);
        var sentAt = clock.instant().minus(Duration.ofMinutes(20));
        var message = messages.create(FLORA, "WHATSAPP", null, 4, sentAt, true);
        var ids = message.providerIds();
        var at = sentAt.plusSeconds(2);
        var untouched = rowVersion(ids.get(3));
        // Each recipient's later report arrives (and is folded) first: free service, then utility; a
        // tie in time goes to the smaller category, so marketing ranks before utility. The last
        // one's report names the category its message type has: its cost stays, its row is not
        // rewritten.
        fold(
                pricing(ids.get(0), StatusEvent.DELIVERED, at.plusSeconds(1), "SERVICE", false),
                pricing(ids.get(1), StatusEvent.SENT, at, "UTILITY", true),
                pricing(ids.get(2), StatusEvent.DELIVERED, at, "UTILITY", true),
                pricing(ids.get(3), StatusEvent.SENT, at, "MARKETING", true));
        assertThat(costs(message.id())).containsExactly(0L, 95_000L, 95_000L, 240_000L);
        assertThat(rowVersion(ids.get(3))).isEqualTo(untouched);
        // The last one's "sent" report again, a second earlier and without an object: it replaces the
        // report in the log, which keeps the object; nothing about the recipient changes.
        fold(
                pricing(ids.get(0), StatusEvent.SENT, at, "UTILITY", true),
                pricing(ids.get(1), StatusEvent.DELIVERED, at.plusSeconds(1), "SERVICE", false),
                pricing(ids.get(2), StatusEvent.SENT, at, "MARKETING", true),
                pricing(ids.get(3), StatusEvent.SENT, at.minusSeconds(1), null, null));
        assertThat(rowVersion(ids.get(3))).isEqualTo(untouched);
        assertThat(costs(message.id())).containsExactly(95_000L, 95_000L, 240_000L, 240_000L);
        // The last recipient is not delivered, and the tariff does not bill undelivered messages.
        assertThat(rollup(message.id())).isEqualTo(95_000L + 95_000L + 240_000L);
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, FLORA))).isZero();
    }

    @Test
    void aPricingObjectCountsWhenItsReportIsReplacedOrRefusedInTheLog() {
        messages = new TestMessages(db);
        var sentAt = clock.instant().minus(Duration.ofMinutes(20));
        var message = messages.create(FLORA, "WHATSAPP", null, 2, sentAt, true);
        var ids = message.providerIds();
        var withObject = sentAt.plusSeconds(5);
        var earlier = sentAt.plusSeconds(4);
        // The same two "delivered" reports in both orders: a later one with a free service object, an
        // earlier one without. The log keeps the earlier report, so the later one is replaced (first
        // recipient) or refused (second); its object counts either way.
        fold(
                pricing(ids.get(0), StatusEvent.DELIVERED, withObject, "SERVICE", false),
                pricing(ids.get(1), StatusEvent.DELIVERED, earlier, null, null));
        assertThat(costs(message.id())).containsExactly(0L, 240_000L);
        fold(
                pricing(ids.get(0), StatusEvent.DELIVERED, earlier, null, null),
                pricing(ids.get(1), StatusEvent.DELIVERED, withObject, "SERVICE", false));
        assertThat(costs(message.id())).containsExactly(0L, 0L);
        assertThat(asAllAccounts(() -> db.fetch(
                                "select extract(epoch from occurred_at - ?::timestamptz)::int, pricing::text "
                                        + "from delivery_event where account_id = ? and provider_message_id in (?, ?) "
                                        + "order by provider_message_id",
                                sentAt.atOffset(ZoneOffset.UTC),
                                FLORA,
                                ids.get(0),
                                ids.get(1))
                        .map(r -> r.get(0) + " " + r.get(1))))
                .hasSize(2)
                .allSatisfy(row -> assertThat(row).startsWith("4 (").endsWith(",SERVICE,f)"));
        assertThat(rollup(message.id())).isZero();
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, FLORA))).isZero();
    }

    private String rowVersion(String providerId) {
        return asAllAccounts(() -> db.fetchSingle(
                        "select xmin::text from message_recipient where account_id = ? and provider_message_id = ?",
                        FLORA,
                        providerId)
                .get(0, String.class));
    }

    private void fold(StatusEvent... events) {
        asAllAccounts(() -> ingest.insertEvents(List.of(events)));
        folder.foldPending();
    }

    private static StatusEvent pricing(
            String providerId, String status, Instant at, @Nullable String category, @Nullable Boolean billable) {
        return new StatusEvent(FLORA, StatusEvent.WHATSAPP, providerId, status, at, null, null, category, billable);
    }

    private void newTariff(String integration, String validFrom, boolean billsUndelivered, String prices) {
        var id = asAllAccounts(() -> queryLong(
                "insert into tariff (account_id, integration, valid_from, bills_undelivered, created_by) "
                        + "values (?, ?, ?::timestamptz, ?, 1) returning id",
                FLORA,
                integration,
                validFrom,
                billsUndelivered));
        tariffs.add(id);
        Tenant.runAllAccounts(() -> db.execute("insert into tariff_price (account_id, tariff_id, country, category, "
                + "price_micros) select " + FLORA + ", " + id + ", p.* from (values " + prices + ") p"));
    }

    private List<Long> costs(long messageId) {
        return asAllAccounts(() -> db.fetch(
                        "select cost from message_recipient where account_id = ? and message_id = ? order by contact_id",
                        FLORA,
                        messageId)
                .getValues(0, Long.class));
    }

    private long rollup(long messageId) {
        return asAllAccounts(() -> queryLong(
                "select coalesce(sum(cost_micros), 0)::bigint from message_cost where account_id = ? and message_id = ?",
                FLORA,
                messageId));
    }
}
