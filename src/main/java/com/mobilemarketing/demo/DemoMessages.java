package com.mobilemarketing.demo;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The demo's messages as SQL, in two ways that share how a message is shaped (its type, name,
 * content, gateway, owner and audience weight): the first generation's 13 months of history, drawn
 * per message, and the days a later start adds, drawn per day ({@link #days}), so that the same day
 * gives the same messages however many starts bring it in.
 */
final class DemoMessages {

    private DemoMessages() {}

    /**
     * About the mean audience weight of the first generation's messages (mostly the bulk campaigns'
     * exp(4r), doubled in November and December): a message of weight w reaches about w / this times
     * the average audience.
     */
    static final double MEAN_WEIGHT = 6.5;

    /** Bulk campaigns planned this long ahead wait as scheduled messages. */
    static final int PLANNED_AHEAD_DAYS = 14;

    static final String MESSAGE_COLUMNS = "account_id, id, name, content, channel, gateway_id, type, state, owner_id, "
            + "audience_size, created_at, scheduled_at, sent_at";

    /** Columns {@code r_<name>} drawn for the row with {@code key}: {@code demo_random(:seed, key, n)}. */
    private static String draws(String key, int firstDraw, String... names) {
        return IntStream.range(0, names.length)
                .mapToObj(i -> "demo_random(:seed, " + key + ", " + (firstDraw + i) + ") as r_" + names[i])
                .collect(Collectors.joining(", "));
    }

    /** The message type from {@code r_type}; with {@code earlyRule} a day's first message ({@code k = 1}) is a rule. */
    private static String type(boolean earlyRule) {
        return "case " + (earlyRule ? "when k = 1 then 'RULE' " : "")
                + "when r_type < 0.35 then 'BULK' when r_type < 0.60 then 'RULE' when r_type < 0.80 then 'WORKFLOW' "
                + "when r_type < 0.90 then 'BIRTHDAY' else 'TEST' end::message_type";
    }

    /** The name: by type (bulk campaigns that fit {@code month_day}) and the local day of {@code send_time}. */
    private static String name() {
        return """
                (case type
                     when 'BULK' then (select c[1 + floor(r_name * cardinality(c))::int] from (select %s as c) campaigns)
                     when 'RULE' then (array['Porzucony koszyk','Przypomnienie o płatności',
                         'Produkt znów dostępny','Obniżka ceny w ulubionych','Prośba o opinię'])[1 + floor(r_name * 5)::int]
                     when 'WORKFLOW' then (array['Powitanie – krok 1','Powitanie – krok 2',
                         'Reaktywacja klienta','Program lojalnościowy','Po zakupie – cross-sell'])[1 + floor(r_name * 5)::int]
                     when 'BIRTHDAY' then 'Życzenia urodzinowe z rabatem'
                     else 'Test: ' || (array['podgląd treści','link skrócony','nowy szablon'])[1 + floor(r_name * 3)::int]
                 end) || ' ' || to_char(send_time at time zone 'Europe/Warsaw', 'DD.MM.YYYY')""".formatted(DemoCampaigns.bulkCampaignNames("month_day"));
    }

    /** The content by type, ending on the offer link without the message id. */
    private static final String CONTENT = """
            (case type
                 when 'BIRTHDAY' then 'Wszystkiego najlepszego! Z okazji urodzin mamy dla Ciebie -20%: '
                 when 'RULE' then 'Hej! Coś czeka w Twoim koszyku. Dokończ zamówienie: '
                 else 'Sprawdź naszą ofertę specjalną – tylko teraz: '
             end) || 'https://sklep.example.pl/oferta/'""";

    /** SMS go mostly through the gateway that reports deliveries; {@code alsoWhen} sends more that way. */
    private static String gateway(String alsoWhen) {
        return "case when channel = 'SMS' then (case when r_gateway < 0.8" + alsoWhen
                + " then :callbackGateway else :silentGateway end) end";
    }

    /** Audience weight by type: bulk campaigns are heavy-tailed and doubled in November and December. */
    private static String weight(String time) {
        return """
                case type
                    when 'BULK' then exp(4 * r_weight)
                        * case when extract(month from %s at time zone 'Europe/Warsaw') in (11, 12) then 2 else 1 end
                    when 'RULE' then 0.3 * exp(2 * r_weight)
                    when 'WORKFLOW' then 0.25 * exp(2 * r_weight)
                    when 'BIRTHDAY' then 0.15 * exp(r_weight)
                    else 0 end""".formatted(time);
    }

    /** The URL of link {@code n} of the message with {@code id}. */
    private static String linkUrl(String id) {
        return "(array['https://sklep.example.pl/oferta/','https://sklep.example.pl/koszyk/',"
                + "'https://sklep.example.pl/nowosci/'])[n] || " + id;
    }

    private static Map<String, Object> values(AccountPlan plan, long seed, OffsetDateTime now) {
        return new java.util.HashMap<>(Map.of(
                "account", plan.id(),
                "seed", seed,
                "now", now,
                "callbackGateway", plan.callbackGateway(),
                "silentGateway", plan.silentGateway()));
    }

    /**
     * The first generation's messages, ids {@code messageBase + 1 ...}, over the 395 days before
     * {@code now} with seasonality; a few scheduled or cancelled. Audiences follow from each message's
     * weight scaled to the account's recipient target; the heaviest sent bulk campaign is the
     * largest message.
     */
    static List<DemoSql> history(AccountPlan plan, long messageBase, long seed, OffsetDateTime now) {
        var values = values(plan, seed, now);
        values.put("base", messageBase);
        values.put("messages", plan.messages());
        values.put("contacts", plan.contacts());
        values.put("recipients", plan.recipients());
        values.put("largest", Math.min(plan.largestMessage(), plan.contacts()));
        var messages = """
                with base as (
                    select i, :base + i as id from generate_series(1, :messages) i
                ),
                drawn as (
                    select b.*, %s
                    from base b
                ),
                shaped as (
                    select d.*, %s as type, %s as channel,
                           -- Seasonality: a share of summer campaigns moves to November and December.
                           case when extract(month from (:now::timestamptz at time zone 'Europe/Warsaw')::date
                                                      - floor(r_day * 395)::int) in (7, 8) and r_season < 0.45
                                then greatest(0, floor(r_day * 395)::int - 100 - floor(r_season * 100)::int)
                                else floor(r_day * 395)::int end as day_offset,
                           case when r_state < 0.04 then 'SCHEDULED' when r_state < 0.05 then 'CANCELLED'
                                else 'SENT' end as planned_state
                    from drawn d
                ),
                timed as (
                    select s.*,
                           (((:now::timestamptz at time zone 'Europe/Warsaw')::date - day_offset)
                               + make_interval(hours => 8 + floor(r_hour * 12)::int,
                                               mins => floor(r_hour * 720)::int %% 60)) at time zone 'Europe/Warsaw'
                               as local_time
                    from shaped s
                ),
                final as (
                    select t.*,
                           case when type <> 'TEST' and planned_state = 'SCHEDULED' then 'SCHEDULED'
                                when type <> 'TEST' and planned_state = 'CANCELLED' then 'CANCELLED'
                                else 'SENT' end::message_state as state,
                           case when local_time >= :now::timestamptz then local_time - interval '1 day'
                                else local_time end as past_time,
                           :now::timestamptz + make_interval(mins => 60 + floor(r_day * 43200)::int) as future_time
                    from timed t
                ),
                sendable as (
                    select f.*, case when state = 'SCHEDULED' then future_time else past_time end as send_time
                    from final f
                ),
                named as (
                    select s.*, to_char(send_time at time zone 'Europe/Warsaw', 'MM-DD') as month_day
                    from sendable s
                ),
                ins as (
                    insert into message (%s)
                    select :account, id, %s, %s || id, channel, %s, type, state, %s, 0,
                           case when state = 'SCHEDULED' then :now::timestamptz else past_time - interval '2 days' end,
                           case when state = 'SCHEDULED' then future_time
                                when state = 'CANCELLED' then past_time end,
                           case when state = 'SENT' then past_time end
                    from named
                    returning id
                )
                insert into demo_message (id, weight, links)
                select f.id, %s, 1 + floor(r_links * 3)::int
                from final f join ins on ins.id = f.id
                """.formatted(
                        draws(
                                ":base + i",
                                1,
                                "day",
                                "season",
                                "type",
                                "channel",
                                "gateway",
                                "owner",
                                "hour",
                                "state",
                                "weight",
                                "name",
                                "links"),
                        type(false),
                        plan.channelPick(),
                        MESSAGE_COLUMNS,
                        name(),
                        CONTENT,
                        gateway(""),
                        plan.ownerPick(),
                        weight("past_time"));
        return List.of(
                DemoSql.of(
                        "create temp table demo_message (id bigint primary key, weight double precision, links int) "
                                + "on commit drop",
                        Map.of()),
                DemoSql.of(messages, values),
                // Audiences: weights scaled to the recipient target; tests reach a handful of contacts.
                DemoSql.of("""
                        with totals as (select sum(weight) as total from demo_message where weight > 0)
                        update message m
                        set audience_size = case when m.type = 'TEST' then 1 + (m.id % 3)::int
                                                 else least(:contacts, greatest(1, round(d.weight * :recipients / t.total)))::int end
                        from demo_message d, totals t
                        where m.account_id = :account and m.id = d.id
                        """, values),
                DemoSql.of("""
                        update message set audience_size = :largest
                        where account_id = :account
                          and id = (select m.id from message m join demo_message d on d.id = m.id
                                    where m.account_id = :account and m.type = 'BULK' and m.state = 'SENT'
                                    order by d.weight desc, m.id limit 1)
                        """, values),
                DemoSql.of(
                        "insert into message_link (account_id, message_id, link_no, url) select :account, d.id, n, "
                                + linkUrl("d.id") + " from demo_message d cross join generate_series(1, d.links) n",
                        values));
    }

    /** Where {@link #days} puts the messages it plans, for the roll-forward to give them ids. */
    static final DemoSql NEW_MESSAGE_TABLE = DemoSql.of("""
            create temp table demo_new_message (
                account_id bigint, key bigint, created_at timestamptz, name text, content text, channel channel,
                gateway_id bigint, type message_type, state message_state, owner_id bigint, audience_size int,
                scheduled_at timestamptz, sent_at timestamptz) on commit drop
            """, Map.of());

    /** The planned messages as messages, ids in the order of creation across accounts (the same in one start or several). */
    static final DemoSql INSERT_NEW_MESSAGES = DemoSql.of("""
            insert into message (%s)
            select account_id, id, name, content || id, channel, gateway_id, type, state, owner_id,
                   audience_size, created_at, scheduled_at, sent_at
            from (select n.*, (select coalesce(max(id), 0) from message)
                              + row_number() over (order by created_at, account_id, key) as id
                  from demo_new_message n) n
            order by id
            returning account_id, id, state = 'SENT'
            """.formatted(MESSAGE_COLUMNS), Map.of());

    /**
     * Plans the messages of the days in {@code (from, now]} as the seed and each day make them: a
     * few a day in proportion to the demo's size, the first an automation rule before 6:00 so that
     * every day has early traffic; bulk campaigns in the day and partly planned
     * {@value #PLANNED_AHEAD_DAYS} days ahead (then scheduled until their time). Audiences have the
     * history's weights, so days added later look like the days before.
     */
    static DemoSql days(AccountPlan plan, long seed, OffsetDateTime from, OffsetDateTime now) {
        var values = values(plan, seed, now);
        values.put("from", from);
        values.put("searchDays", PLANNED_AHEAD_DAYS + 1);
        values.put("aheadDays", PLANNED_AHEAD_DAYS);
        values.put("perDay", plan.messages() / 395.0);
        values.put("perMessage", (double) plan.recipients() / plan.messages());
        values.put("meanWeight", MEAN_WEIGHT);
        values.put("contacts", plan.contacts());
        return DemoSql.of(
                """
                with days as (
                    select d::date as day, d::date - date '2000-01-01' as day_no
                    from generate_series((:from::timestamptz at time zone 'Europe/Warsaw')::date,
                                         (:now::timestamptz at time zone 'Europe/Warsaw')::date + :searchDays,
                                         interval '1 day') d
                ),
                planned as (
                    select day, k, (:account * 100000 + day_no) * 100 + k as key
                    from days
                    cross join lateral generate_series(1, least(99, greatest(3,
                        round(:perDay * (0.5 + demo_random(:seed, :account * 100000 + day_no, 60))))::int)) k
                ),
                base as (
                    select p.*, %s, demo_random(:seed, key, 69) as r_ahead
                    from planned p
                ),
                shaped as (
                    select b.*, %s as type, %s as channel
                    from base b
                ),
                timed as (
                    select s.*,
                           (day + case when k = 1 then make_interval(hours => floor(r_hour * 6)::int,
                                                                     mins => floor(r_hour * 360)::int %% 60)
                                       when type in ('RULE', 'WORKFLOW')
                                           then make_interval(hours => floor(r_hour * 24)::int,
                                                              mins => floor(r_hour * 1440)::int %% 60)
                                       else make_interval(hours => 8 + floor(r_hour * 12)::int,
                                                          mins => floor(r_hour * 720)::int %% 60) end)
                               at time zone 'Europe/Warsaw' as send_time
                    from shaped s
                ),
                created as (
                    select t.*,
                           case when type = 'BULK' and r_ahead < 0.2
                                then send_time - make_interval(days => :aheadDays) else send_time end as created_at,
                           to_char(send_time at time zone 'Europe/Warsaw', 'MM-DD') as month_day
                    from timed t
                ),
                due as (
                    select c.* from created c
                    where created_at > :from::timestamptz and created_at <= :now::timestamptz
                )
                insert into demo_new_message (account_id, key, name, content, channel, gateway_id, type, state,
                                              owner_id, audience_size, created_at, scheduled_at, sent_at)
                select :account, key, %s, %s, channel,
                       -- The early rule goes through a gateway that reports deliveries: counted traffic.
                       %s,
                       type,
                       case when send_time <= :now::timestamptz then 'SENT' else 'SCHEDULED' end::message_state,
                       %s,
                       case when type = 'TEST' then 1 + (key %% 3)::int
                            else least(:contacts, greatest(1, round(:perMessage / :meanWeight * %s)))::int end,
                       created_at,
                       case when created_at < send_time then send_time end,
                       case when send_time <= :now::timestamptz then send_time end
                from due
                """.formatted(
                                draws("key", 61, "type", "channel", "gateway", "owner", "hour", "weight", "name"),
                                type(true),
                                plan.channelPick(),
                                name(),
                                CONTENT,
                                gateway(" or k = 1"),
                                plan.ownerPick(),
                                weight("send_time")),
                values);
    }

    /** Links of the roll-forward's new messages {@code ids}: one to three each. */
    static DemoSql links(AccountPlan plan, long seed, List<Long> ids) {
        return DemoSql.of(
                "insert into message_link (account_id, message_id, link_no, url) select m.account_id, m.id, n, "
                        + linkUrl("m.id")
                        + " from message m cross join generate_series(1, 1 + floor(demo_random(:seed, m.id, 68) * 3)::int) n"
                        + " where m.account_id = :account and m.id = any(:ids::bigint[])",
                Map.of("seed", seed, "account", plan.id(), "ids", ids.toArray(Long[]::new)));
    }
}
