package com.mobilemarketing.demo;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The demo shops' orders, deterministic like the rest of the demo: an order placed at a time follows
 * from the seed and that time (or the recipient it followed) alone, so a history generated at once and
 * one brought forward start by start hold the same orders. Most orders are organic (no message
 * before them), with Black Friday and the weeks before Christmas as peaks; some follow a click
 * (about one click in eight buys within a day or so) or a read (a few per hundred); a few are
 * cancelled or refunded; a few are paid in euro (converted at the demo's fixed rate) and a very few
 * in Czech crowns, for which the demo keeps no rate ("unconverted").
 *
 * <p>Static, called with the generator's own transaction; a repository because it holds the SQL.
 */
@Repository
public class DemoOrders {

    /** Organic orders per day for every this many contacts, before seasonality. */
    private static final int CONTACTS_PER_DAILY_ORDER = 1000;

    /** The demo's fixed rate: 1 EUR in PLN. */
    private static final String EUR_RATE = "4.30";

    /**
     * A history up to {@code now}: each account's shop integration and rate, its orders of the last
     * {@link DemoDataGenerator#MAX_ROLL_DAYS} days, and their attribution recounted from the raw rows.
     */
    static void history(DSLContext tx, List<Long> accounts, long seed, OffsetDateTime now) {
        for (var account : accounts) {
            integrate(tx, account);
            insertOrders(tx, account, seed, now.minusDays(DemoDataGenerator.MAX_ROLL_DAYS), now);
            tx.execute("select rebuild_attribution(?)", account);
        }
    }

    /**
     * The orders placed in {@code (from, to]}, credited incrementally like orders arriving from the
     * shop (late clicks and reads of earlier messages re-attribute through the recipients' trigger).
     */
    static void rollForward(DSLContext tx, List<Long> accounts, long seed, OffsetDateTime from, OffsetDateTime to) {
        for (var account : accounts) {
            integrate(tx, account);
            var contacts = insertOrders(tx, account, seed, from, to);
            if (!contacts.isEmpty()) {
                tx.execute("select reattribute(?, ?::bigint[])", account, contacts.toArray(Long[]::new));
            }
        }
    }

    private static void integrate(DSLContext tx, long account) {
        tx.execute(
                "insert into shop_integration (account_id, display_name, webhook_secret) values (?, ?, ?) "
                        + "on conflict do nothing",
                account,
                "Sklep internetowy",
                "demo-secret-shop-" + account);
        tx.execute(
                "insert into currency_rate (account_id, currency, rate) values (?, 'EUR', ?::numeric) "
                        + "on conflict do nothing",
                account,
                EUR_RATE);
    }

    /** Inserts the orders (and cancellations, refunds) placed in {@code (from, to]}; returns their contacts. */
    private static List<Long> insertOrders(
            DSLContext tx, long account, long seed, OffsetDateTime from, OffsetDateTime to) {
        // {0} the account, {1} the seed, {2} and {3} the period (from, to], {4} contacts per daily order.
        var contacts = tx.fetch(
                """
                with bounds as (
                    select min(c.id) as first_id, count(*) as n, a.time_zone
                    from contact c join account a on a.id = c.account_id
                    where c.account_id = {0} group by a.time_zone
                ),
                days as (
                    select d::date as day, b.*
                    from bounds b,
                         generate_series(({2}::timestamptz at time zone b.time_zone)::date,
                                         ({3}::timestamptz at time zone b.time_zone)::date, interval '1 day') d
                ),
                -- Seasonality: Black Friday weekend to Cyber Monday, the weeks before Christmas, quiet holidays.
                per_day as (
                    select day, first_id, n, time_zone,
                           greatest(1, n / {4}) * (0.7 + 0.6 * demo_random({1}, {0} * 100000 + (day - date '2000-01-01'), 80))
                           * case
                                 when day between black_friday(day) and black_friday(day) + 3 then 3.5
                                 when extract(month from day) = 12 and extract(day from day) between 1 and 21 then 1.8
                                 when extract(month from day) = 12 and extract(day from day) between 24 and 26 then 0.5
                                 when extract(isodow from day) in (6, 7) then 1.15
                                 else 1.0 end as expected
                    from days
                ),
                organic as (
                    select 'S' || to_char(day, 'YYYYMMDD') || '-' || k as order_id,
                           first_id + floor(demo_random({1}, key, 81) * n)::bigint as contact_id,
                           (day + make_interval(secs => 8 * 3600 + demo_random({1}, key, 82) * 15 * 3600))
                               at time zone time_zone as placed_at,
                           demo_random({1}, key, 83) as r_value,
                           demo_random({1}, key, 84) as r_currency,
                           demo_random({1}, key, 85) as r_fate,
                           true as organic
                    from per_day,
                         generate_series(1, ceil(expected)::int) k,
                         lateral (select {0} * 1000000000 + (day - date '2000-01-01') * 10000 + k as key) x
                    where k <= expected
                ),
                engaged as (
                    select case when r.clicked_at is not null then 'K' else 'V' end || r.message_id || '-' || r.contact_id
                               as order_id,
                           r.contact_id,
                           coalesce(r.clicked_at, case when m.channel = 'SMS' then r.delivered_at else r.opened_at end)
                               + make_interval(secs => 300 + demo_random({1}, key, 87) * 30 * 3600) as placed_at,
                           demo_random({1}, key, 88) as r_value,
                           demo_random({1}, key, 90) as r_currency,
                           demo_random({1}, key, 89) as r_fate,
                           false as organic
                    from message m
                    join message_recipient r on r.account_id = m.account_id and r.message_id = m.id,
                         lateral (select r.message_id * 100000000 + r.contact_id as key) x
                    where m.account_id = {0} and m.type <> 'TEST'
                      and m.sent_at > {2}::timestamptz - interval '14 days' and m.sent_at <= {3}::timestamptz
                      and demo_random({1}, key, 86) < case when r.clicked_at is not null then 0.12
                                                         when m.channel <> 'SMS' and r.opened_at is not null then 0.02
                                                         when m.channel = 'SMS' and r.delivered_at is not null then 0.005
                                                         else 0 end
                ),
                wanted as (
                    select * from organic union all select * from engaged
                ),
                placed as (
                    select order_id, contact_id, placed_at, r_fate,
                           -- 40-800 zł, most near 120 zł, priced like a shop (x9.99 / x9.00).
                           case when r_currency < 0.97 then 'PLN' when r_currency < 0.99 then 'EUR' else 'CZK' end
                               as currency,
                           round((exp(ln(40) + ln(20) * power(r_value, 1.6))
                                  / case when r_currency < 0.97 then 1 when r_currency < 0.99 then 4.3 else 0.17 end)
                                 ::numeric, 0) - case when r_value < 0.5 then 0.01 else 0 end as value
                    from wanted
                    where placed_at > {2}::timestamptz and placed_at <= {3}::timestamptz
                ),
                written as (
                    insert into order_event (account_id, order_id, status, placed_at, value, currency, given_contact_id,
                                             contact_id, received_at)
                    select {0}, order_id, 'PLACED'::order_status, placed_at, value, currency, contact_id, contact_id, placed_at
                    from placed
                    union all
                    -- About one order in twenty-five is cancelled within hours, one in fifty refunded days later
                    -- (written with the order, as the shop's later callback would leave it).
                    select {0}, order_id, case when r_fate < 0.04 then 'CANCELLED' else 'REFUNDED' end::order_status,
                           placed_at, value, currency, contact_id, contact_id,
                           placed_at + case when r_fate < 0.04 then interval '3 hours' else interval '6 days' end
                    from placed
                    where r_fate < 0.06
                    on conflict do nothing
                    returning contact_id
                )
                select distinct contact_id from written
                """, DSL.val(account), DSL.val(seed), DSL.val(from), DSL.val(to), DSL.val(CONTACTS_PER_DAILY_ORDER));
        return contacts.getValues(0, Long.class);
    }
}
