package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A shop account of its own for the order tests (far from the demo accounts' ids): a shop
 * integration, contacts with phones and e-mails, an SMS gateway with delivery callbacks and messages
 * whose recipients the tests give sends, deliveries, reads and clicks. {@link #remove} deletes all of
 * it again, so the demo accounts and other tests never see it.
 */
final class OrderTestShop {

    static final long ACCOUNT = 9016;
    static final String SECRET = "test-shop-secret-9016";
    static final long GATEWAY = 901_601;
    static final long OWNER = 901_601;
    /** Contacts 901601.. with phone +4860090160n and e-mail c<n>@shop.example. */
    static final long FIRST_CONTACT = 901_601;

    private final DSLContext db;
    private long nextMessage = 901_600_000L;

    OrderTestShop(DSLContext db) {
        this.db = db;
    }

    static long contact(int n) {
        return FIRST_CONTACT + n - 1;
    }

    static String phone(int n) {
        return "+4860090" + (1600 + n);
    }

    void create(int contacts) {
        Tenant.runAllAccounts(() -> {
            remove();
            db.execute("insert into account (id, name, currency) values (?, 'Sklep testowy', 'PLN')", ACCOUNT);
            db.execute(
                    "insert into app_user (id, account_id, username, password_hash, full_name, role) "
                            + "values (?, ?, 'shop-test-9016', 'x', 'Test Owner', 'MARKETER')",
                    OWNER,
                    ACCOUNT);
            db.execute(
                    "insert into shop_integration (account_id, display_name, webhook_secret) values (?, 'Sklep', ?)",
                    ACCOUNT,
                    SECRET);
            db.execute(
                    "insert into sms_gateway (account_id, id, name, provider, supports_callbacks, webhook_secret) "
                            + "values (?, ?, 'Bramka', 'twilio', true, 's')",
                    ACCOUNT,
                    GATEWAY);
            for (int n = 1; n <= contacts; n++) {
                insertContact(n);
            }
        });
    }

    void insertContact(int n) {
        insertContacts(n);
    }

    /** Contacts inserted in one statement: the insert's triggers see them together. */
    void insertContacts(int... numbers) {
        Tenant.runAllAccounts(() -> db.execute(
                "insert into contact (account_id, id, first_name, last_name, phone, email) "
                        + "select ?, c.id, 'Jan', 'Testowy', c.phone, c.email "
                        + "from unnest(?::bigint[], ?::text[], ?::text[]) as c (id, phone, email)",
                ACCOUNT,
                IntStream.of(numbers).mapToObj(OrderTestShop::contact).toArray(Long[]::new),
                // Stored as people type it: the order's E.164 form must still find it.
                IntStream.of(numbers)
                        .mapToObj(n -> phone(n).substring(0, 3) + " " + phone(n).substring(3))
                        .toArray(String[]::new),
                IntStream.of(numbers).mapToObj(n -> "c" + n + "@shop.example").toArray(String[]::new)));
    }

    /** A sent message of the channel ("SMS" through the test gateway) of the given type; returns its id. */
    long message(String channel, String type, Instant sentAt) {
        long id = ++nextMessage;
        Tenant.runAllAccounts(() -> db.execute(
                "insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id, sent_at) "
                        + "values (?, ?, ?, 'x', ?::channel, ?, ?::message_type, 'SENT', ?, ?::timestamptz)",
                ACCOUNT,
                id,
                "Wiadomość " + id,
                channel,
                "SMS".equals(channel) ? GATEWAY : null,
                type,
                OWNER,
                sentAt.toString()));
        return id;
    }

    /** A recipient with the given times (null: not (yet) happened). */
    void recipient(
            long message,
            int contact,
            Instant sent,
            @Nullable Instant delivered,
            @Nullable Instant opened,
            @Nullable Instant clicked) {
        Tenant.runAllAccounts(() -> db.execute(
                "insert into message_recipient (account_id, message_id, contact_id, sent_at, delivered_at, opened_at, "
                        + "clicked_at) values (?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz)",
                ACCOUNT,
                message,
                contact(contact),
                sent.toString(),
                text(delivered),
                text(opened),
                text(clicked)));
    }

    /** A late report: sets one time of a recipient, as the fold would. */
    void touch(long message, int contact, String column, Instant at) {
        if (!List.of("delivered_at", "opened_at", "clicked_at").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        Tenant.runAllAccounts(() -> db.execute(
                "update message_recipient set " + column + " = least(" + column + ", ?::timestamptz) "
                        + "where account_id = ? and message_id = ? and contact_id = ?",
                at.toString(),
                ACCOUNT,
                message,
                contact(contact)));
    }

    /** The credited message of each counted order, as "order:message:touch". */
    List<String> attributions() {
        return Tenant.allAccounts(() -> db.fetch(
                        "select order_id || ':' || message_id || ':' || touch from order_attribution "
                                + "where account_id = ? order by order_id",
                        ACCOUNT)
                .getValues(0, String.class));
    }

    private static @Nullable String text(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }

    void remove() {
        Tenant.runAllAccounts(() -> {
            var statements = new ArrayList<String>(List.of(
                    "delete from delivery_event where account_id = ?",
                    "delete from order_event where account_id = ?",
                    "delete from order_attribution where account_id = ?",
                    "delete from message_revenue where account_id = ?",
                    "delete from revenue_daily where account_id = ?",
                    "delete from currency_rate where account_id = ?",
                    "delete from attribution_setting where account_id = ?",
                    "delete from attribution_setting_change where account_id = ?",
                    "delete from shop_integration where account_id = ?",
                    "delete from click_event where account_id = ?",
                    "delete from message_recipient where account_id = ?",
                    "delete from message where account_id = ?",
                    "delete from stats_daily where account_id = ?",
                    "delete from stats_hourly where account_id = ?",
                    "delete from cost_daily where account_id = ?",
                    "delete from integration_activity where account_id = ?",
                    "delete from contact where account_id = ?",
                    "delete from reach_sketch_dirty where account_id = ?",
                    "delete from reach_delivery where account_id = ?",
                    "delete from reach_sketch where account_id = ?",
                    "delete from reach_month_dirty where account_id = ?",
                    "delete from reach_sketch_month where account_id = ?",
                    "delete from optin_overlap where account_id = ?",
                    "delete from sms_gateway where account_id = ?",
                    "delete from app_user where account_id = ?",
                    "delete from account where id = ?"));
            for (var statement : statements) {
                db.execute(statement, ACCOUNT);
            }
        });
    }
}
