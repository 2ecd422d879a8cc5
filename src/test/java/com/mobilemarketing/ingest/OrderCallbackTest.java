package com.mobilemarketing.ingest;

import static com.mobilemarketing.ingest.OrderTestShop.ACCOUNT;
import static com.mobilemarketing.ingest.OrderTestShop.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.Recount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The shop's order webhook against the database: signature, batches, refusals that store nothing,
 * idempotency, arrival order, unknown contacts and currencies without a rate.
 */
class OrderCallbackTest extends AbstractDatabaseTest {

    static final String URL = "/callbacks/orders/" + ACCOUNT;

    @Autowired
    private WebApplicationContext context;

    private MockMvc mvc;
    private OrderTestShop shop;
    private long message;
    private final Instant sent = Instant.parse("2026-11-10T09:00:00Z");

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        shop = new OrderTestShop(db);
        shop.create(3);
        message = shop.message("WHATSAPP", "BULK", sent);
        // Contact 1 clicked two hours after the send; contact 2 only read it.
        shop.recipient(message, 1, sent, sent.plusSeconds(5), sent.plusSeconds(60), sent.plusSeconds(7200));
        shop.recipient(message, 2, sent, sent.plusSeconds(5), sent.plusSeconds(600), null);
    }

    @AfterEach
    void tearDown() {
        shop.remove();
    }

    static String order(String id, String status, String placedAt, String value, String currency, String contact) {
        return """
                {"orderId":"%s","status":"%s","placedAt":"%s","value":%s,"currency":"%s",%s}""".formatted(id, status, placedAt, value, currency, contact);
    }

    static String signature(String body) {
        return Signatures.meta(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    ResultActions postSigned(String body) throws Exception {
        return post(body, signature(body));
    }

    ResultActions post(String body, @Nullable String signature) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(URL)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (signature != null) {
            request.header("X-Signature-256", signature);
        }
        return mvc.perform(request);
    }

    long count(String sql) {
        return asAllAccounts(() -> queryLong(sql, ACCOUNT));
    }

    long storedStatuses() {
        return count("select count(*) from order_event where account_id = ?");
    }

    long revenueOfMessage() {
        return asAllAccounts(() -> queryLong(
                "select coalesce(sum(revenue_minor), 0) from message_revenue where account_id = ? and message_id = ?",
                ACCOUNT,
                message));
    }

    @Test
    void aSignedOrderIsStoredAndCreditedToTheClickedMessage() throws Exception {
        var body = order(
                "A-1",
                "placed",
                "2026-11-11T12:00:00+01:00",
                "129.90",
                "PLN",
                "\"phone\":\"" + OrderTestShop.phone(1) + "\"");
        postSigned(body)
                .andExpect(status().isOk())
                .andExpect(content().json("{\"received\":1,\"stored\":1,\"unknownContacts\":0}"));
        // Answered only after the commit: another connection sees it right away.
        assertThat(storedStatuses()).isEqualTo(1);
        assertThat(shop.attributions()).containsExactly("A-1:" + message + ":CLICK");
        assertThat(revenueOfMessage()).isEqualTo(12_990);
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, ACCOUNT))).isZero();
    }

    @Test
    void unsignedForgedOrForUnknownShopsAreRefusedAndStoreNothing() throws Exception {
        var body = order("A-1", "placed", "2026-11-11T12:00:00Z", "10", "PLN", "\"contactId\":901601");
        post(body, null)
                .andExpect(status().isForbidden())
                .andExpect(content().string("missing or invalid signature\n"));
        post(body, "sha256=" + "0".repeat(64)).andExpect(status().isForbidden());
        post(body, Signatures.meta("wrong-secret", body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/callbacks/orders/999999")
                        .content(body)
                        .header("X-Signature-256", signature(body)))
                .andExpect(status().isNotFound());
        mvc.perform(get(URL)).andExpect(status().isMethodNotAllowed());
        assertThat(storedStatuses()).isZero();
    }

    @Test
    void oneBadOrderRefusesTheWholeBatchWithItsReason() throws Exception {
        var good = order("B-1", "placed", "2026-11-11T12:00:00Z", "10", "PLN", "\"contactId\":901601");
        var cases = List.of(
                List.of(
                        order("B-2", "placed", "2026-11-11T12:00:00Z", "-1", "PLN", "\"contactId\":901602"),
                        "orders[1].value"),
                List.of(
                        order("B-2", "placed", "2026-11-11T12:00:00Z", "1.999", "PLN", "\"contactId\":901602"),
                        "orders[1].value"),
                List.of(
                        order("B-2", "shipped", "2026-11-11T12:00:00Z", "1", "PLN", "\"contactId\":901602"),
                        "orders[1].status"),
                List.of(
                        order("B-2", "placed", "2026-11-11 12:00", "1", "PLN", "\"contactId\":901602"),
                        "orders[1].placedAt"),
                List.of(
                        order("B-2", "placed", "2026-11-11T12:00:00Z", "1", "ZZZ", "\"contactId\":901602"),
                        "orders[1].currency"),
                List.of(
                        order("B-2", "placed", "2026-11-11T12:00:00Z", "1", "PLN", "\"phone\":\"601 234 567\""),
                        "orders[1].phone"),
                List.of(
                        order(
                                "B-2",
                                "placed",
                                "2026-11-11T12:00:00Z",
                                "1",
                                "PLN",
                                "\"email\":\"a\\u0000b@shop.example\""),
                        "orders[1].email"),
                List.of(
                        order("B-2", "placed", "2026-11-11T12:00:00Z", "1", "PLN", "\"note\":\"x\""),
                        "orders[1]: the contact"),
                List.of(
                        order("B-2", "placed", "2030-01-01T00:00:00Z", "1", "PLN", "\"contactId\":901602"),
                        "orders[1].placedAt"));
        for (var c : cases) {
            var body = "[" + good + "," + c.get(0) + "]";
            postSigned(body)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString(c.get(1))));
        }
        postSigned("{not json").andExpect(status().isBadRequest());
        postSigned("[]").andExpect(status().isBadRequest());
        postSigned("\"text\"").andExpect(status().isBadRequest());
        assertThat(storedStatuses()).isZero();
    }

    @Test
    void upToAThousandOrdersPerRequest() throws Exception {
        var orders = new ArrayList<String>();
        for (int i = 0; i < 1001; i++) {
            orders.add(order("C-" + i, "placed", "2026-11-11T12:00:00Z", "1.50", "PLN", "\"contactId\":901603"));
        }
        postSigned("[" + String.join(",", orders) + "]").andExpect(status().isPayloadTooLarge());
        assertThat(storedStatuses()).isZero();
        postSigned("[" + String.join(",", orders.subList(0, 1000)) + "]")
                .andExpect(status().isOk())
                .andExpect(content().json("{\"received\":1000,\"stored\":1000,\"unknownContacts\":0}"));
        assertThat(storedStatuses()).isEqualTo(1000);
    }

    @Test
    void repeatsChangeNothing() throws Exception {
        var body = "[" + order("D-1", "placed", "2026-11-11T12:00:00Z", "50", "PLN", "\"contactId\":901601") + ","
                + order("D-1", "refunded", "2026-11-11T12:00:00Z", "50", "PLN", "\"contactId\":901601") + ","
                + order("D-2", "placed", "2026-11-10T12:00:00Z", "20", "PLN", "\"email\":\"C2@shop.example\"")
                + "]";
        postSigned(body).andExpect(content().json("{\"stored\":3}"));
        var first = shop.attributions();
        postSigned(body).andExpect(status().isOk()).andExpect(content().json("{\"stored\":0}"));
        assertThat(storedStatuses()).isEqualTo(3);
        assertThat(shop.attributions()).isEqualTo(first).containsExactly("D-2:" + message + ":VIEW");
        assertThat(revenueOfMessage()).isEqualTo(2_000);
    }

    @Test
    void anyArrivalOrderGivesTheSameResult() throws Exception {
        var placed = order("E-1", "placed", "2026-11-11T12:00:00Z", "80", "PLN", "\"contactId\":901601");
        var cancelled = order("E-1", "cancelled", "2026-11-11T12:00:00Z", "80", "PLN", "\"contactId\":901601");
        var kept = order("E-2", "placed", "2026-11-11T13:00:00Z", "30", "PLN", "\"contactId\":901601");
        // Cancelled first: the order never counts.
        postSigned(cancelled).andExpect(status().isOk());
        postSigned(kept).andExpect(status().isOk());
        postSigned(placed).andExpect(status().isOk());
        var cancelledFirst = shop.attributions();
        var revenueCancelledFirst = revenueOfMessage();
        shop.create(3);
        message = shop.message("WHATSAPP", "BULK", sent);
        shop.recipient(message, 1, sent, sent.plusSeconds(5), sent.plusSeconds(60), sent.plusSeconds(7200));
        postSigned(placed).andExpect(status().isOk());
        postSigned(kept).andExpect(status().isOk());
        assertThat(revenueOfMessage()).isEqualTo(11_000);
        postSigned(cancelled).andExpect(status().isOk());
        assertThat(shop.attributions())
                .isEqualTo(cancelledFirst.stream()
                        .map(a -> a.replaceFirst(":\\d+:", ":" + message + ":"))
                        .toList())
                .containsExactly("E-2:" + message + ":CLICK");
        assertThat(revenueOfMessage()).isEqualTo(revenueCancelledFirst).isEqualTo(3_000);
    }

    @Test
    void anOrderOfAnUnknownContactIsKeptCountedAndCreditedWhenTheContactAppears() throws Exception {
        var body = order(
                "F-1", "placed", "2026-11-11T12:00:00Z", "45.5", "PLN", "\"phone\":\"" + OrderTestShop.phone(4) + "\"");
        postSigned(body).andExpect(content().json("{\"stored\":1,\"unknownContacts\":1}"));
        assertThat(storedStatuses()).isEqualTo(1);
        assertThat(count("select count(*) from order_event where account_id = ? and contact_id is null"))
                .isEqualTo(1);
        assertThat(shop.attributions()).isEmpty();

        // The contact is added later and had got the message: the order is now credited to it.
        shop.insertContact(4);
        shop.recipient(message, 4, sent, sent.plusSeconds(5), sent.plusSeconds(60), sent.plusSeconds(3600));
        assertThat(shop.attributions()).containsExactly("F-1:" + message + ":CLICK");
        assertThat(revenueOfMessage()).isEqualTo(4_550);
    }

    /**
     * Contacts added in one statement claim the waiting orders that name them, each order the contact it
     * names first in the order the ingestion tries them: id, then phone, then e-mail (in any case).
     */
    @Test
    void contactsAddedTogetherClaimEachWaitingOrderByItsIdThenPhoneThenEmail() throws Exception {
        var body = "["
                + order(
                        "H-1",
                        "placed",
                        "2026-11-11T12:00:00Z",
                        "10",
                        "PLN",
                        "\"phone\":\"" + OrderTestShop.phone(5) + "\",\"email\":\"C6@Shop.Example\"")
                + "," + order("H-2", "placed", "2026-11-11T12:00:00Z", "20", "PLN", "\"email\":\"C6@SHOP.EXAMPLE\"")
                + ","
                + order(
                        "H-3",
                        "placed",
                        "2026-11-11T12:00:00Z",
                        "30",
                        "PLN",
                        "\"contactId\":" + OrderTestShop.contact(7) + ",\"phone\":\"" + OrderTestShop.phone(5) + "\"")
                + "," + order("H-4", "placed", "2026-11-11T12:00:00Z", "40", "PLN", "\"email\":\"nobody@shop.example\"")
                + "]";
        postSigned(body).andExpect(content().json("{\"stored\":4,\"unknownContacts\":4}"));

        shop.insertContacts(5, 6, 7);
        assertThat(asAllAccounts(() -> queryStrings(
                        "select order_id || ':' || coalesce(contact_id::text, '-') from order_event "
                                + "where account_id = ? order by order_id",
                        ACCOUNT)))
                .containsExactly(
                        "H-1:" + OrderTestShop.contact(5),
                        "H-2:" + OrderTestShop.contact(6),
                        "H-3:" + OrderTestShop.contact(7),
                        "H-4:-");
    }

    @Test
    void anOrderInACurrencyWithoutRateIsShownUnconvertedUntilARateExists() throws Exception {
        postSigned(order("G-1", "placed", "2026-11-11T12:00:00Z", "10", "EUR", "\"contactId\":901601"))
                .andExpect(status().isOk());
        assertThat(shop.attributions()).containsExactly("G-1:" + message + ":CLICK");
        assertThat(count("select unconverted from message_revenue where account_id = ?"))
                .isEqualTo(1);
        assertThat(revenueOfMessage()).isZero();

        asAllAccounts(() ->
                db.execute("insert into currency_rate (account_id, currency, rate) values (?, 'EUR', 4.25)", ACCOUNT));
        assertThat(count("select unconverted from message_revenue where account_id = ?"))
                .isZero();
        assertThat(revenueOfMessage()).isEqualTo(4_250);
        assertThat(asAllAccounts(() -> Recount.counterDifferences(db, ACCOUNT))).isZero();
    }

    static Instant at(String text) {
        return Instant.parse(text);
    }

    static Duration hours(long n) {
        return Duration.ofHours(n);
    }
}
