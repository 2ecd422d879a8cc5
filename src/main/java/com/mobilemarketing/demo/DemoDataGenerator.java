package com.mobilemarketing.demo;

import com.mobilemarketing.core.DemoMode;
import com.mobilemarketing.core.db.Tenant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * Makes realistic, deterministic demo data set-based in SQL: two Polish e-commerce accounts, their
 * users, integrations, contacts with consents given and withdrawn, 13 months of messages of every
 * type with seasonality, recipients with delivery / read / click / failure outcomes and clicks.
 * Randomness comes from {@code demo_random(seed, key, n)}, so the same seed and anchor time give
 * the same rows. Counters and rollups follow from the database triggers. It is the demo feature's
 * repository: all of its SQL and transactions.
 */
@Repository
public class DemoDataGenerator {

    private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);
    public static final String DEMO_PASSWORD = DemoMode.DEMO_PASSWORD;

    /** Recipients are inserted in statements of about this many rows; small enough to show progress. */
    private static final long CHUNK_ROWS = 50_000;

    /** In a bulk load each chunk runs on a core of its own: fewer, bigger statements. */
    private static final long BULK_CHUNK_ROWS = 1_000_000;

    private final DSLContext db;
    private final PasswordEncoder passwordEncoder;

    public DemoDataGenerator(DSLContext db, PasswordEncoder passwordEncoder) {
        this.db = db;
        this.passwordEncoder = passwordEncoder;
    }

    record Gateway(long id, String name, String provider, boolean callbacks) {}

    record User(long id, String username, String fullName) {}

    record AccountPlan(
            long id,
            String name,
            int contacts,
            int messages,
            long recipients,
            int largestMessage,
            Map<String, Double> channelShares,
            List<Gateway> gateways,
            List<User> users) {}

    /** How recipients and clicks are written. */
    public enum Load {
        /** Row by row through the triggers that keep counters and rollups, as the product writes them. */
        TRIGGERED,
        /**
         * For benchmark tiers: while contacts, consents, recipients and clicks are inserted (recipients
         * on every core), the tables' triggers are off and their secondary indexes dropped; then
         * counters, rollups and contact flags are rebuilt set-based from the raw rows and the indexes
         * built again. Needs the table owner's rights; triggers and indexes come back whatever happens.
         */
        BULK
    }

    public boolean hasData() {
        return db.fetchExists(db.selectOne().from("account"));
    }

    public List<Long> accountIds() {
        return db.fetch("select id from account order by id").getValues(0, Long.class);
    }

    /** Generates everything for {@code size}, as of {@code anchor} ("now" of the demo), through the triggers. */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor) {
        generate(size, seed, anchor, Load.TRIGGERED);
    }

    /** Generates everything for {@code size}, as of {@code anchor}; both loads give the same rows. */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor, Load load) {
        generate(size, seed, anchor, load, rows -> {});
    }

    /**
     * Generates everything for {@code size}, as of {@code anchor}, and records it so that later starts
     * can bring the demo up to their "now" ({@link #rollForward}); {@code recipientRowsDone} hears of
     * each committed chunk of recipient rows (of about {@link DemoSize#totalRecipients()} in all).
     */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor, Load load, LongConsumer recipientRowsDone) {
        var started = System.nanoTime();
        var now = anchor.truncatedTo(ChronoUnit.SECONDS).withOffsetSameInstant(ZoneOffset.UTC);
        var plans = plans(size);
        Tenant.runAllAccounts(() -> {
            var indexes = load == Load.BULK ? suspendTriggersAndIndexes() : List.<String>of();
            db.transaction(trx -> {
                var tx = trx.dsl();
                tx.execute(
                        "insert into app_user (id, account_id, username, password_hash, full_name, role, locale) "
                                + "values (1000, null, 'support', ?, 'Zespół Wsparcia', 'SUPPORT', 'pl')",
                        passwordEncoder.encode(DEMO_PASSWORD));
                for (var plan : plans) {
                    createAccount(tx, plan);
                }
            });
            var chunks = new ArrayList<Runnable>();
            long contactBase = 0;
            long messageBase = 0;
            for (var plan : plans) {
                var account = plan;
                var cb = contactBase;
                var mb = messageBase;
                db.transaction(trx -> createContacts(trx.dsl(), account, cb, seed, now));
                db.transaction(trx -> createMessages(trx.dsl(), account, cb, mb, seed, now));
                chunks.addAll(recipientChunks(
                        account, cb, seed, now, load == Load.BULK ? BULK_CHUNK_ROWS : CHUNK_ROWS, recipientRowsDone));
                contactBase += plan.contacts();
                messageBase += plan.messages();
            }
            log.info("Demo data: contacts and messages after {} s", secondsSince(started));
            if (load == Load.TRIGGERED) {
                chunks.forEach(Runnable::run);
            } else {
                try {
                    runInParallel(chunks);
                    // Before the indexes are back: the contact flags are rewritten cheaper without them.
                    rebuild(plans);
                    log.info("Demo data: counters and rollups rebuilt after {} s", secondsSince(started));
                } finally {
                    restoreTriggersAndIndexes(indexes);
                }
            }
            log.info("Demo data: recipients and clicks ({}) in place after {} s", load, secondsSince(started));
            db.transaction(trx -> DemoOrders.history(
                    trx.dsl(), plans.stream().map(AccountPlan::id).toList(), seed, now));
            db.transaction(trx -> {
                for (var table : List.of("app_user", "sms_gateway", "contact", "message")) {
                    trx.dsl()
                            .execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
                                    + "(select max(id) from " + table + "))");
                }
                trx.dsl()
                        .execute(
                                """
                                insert into demo_state (seed, size_name, contacts_first, contacts_second, messages_first,
                                                        messages_second, recipients_first, recipients_second,
                                                        largest_message, generated_through)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz)
                                """,
                                seed,
                                size.name(),
                                size.contactsFirst(),
                                size.contactsSecond(),
                                size.messagesFirst(),
                                size.messagesSecond(),
                                size.recipientsFirst(),
                                size.recipientsSecond(),
                                size.largestMessage(),
                                now);
            });
            db.execute("vacuum analyze");
        });
        log.info("Demo data '{}' generated in {} s", size.name(), secondsSince(started));
    }

    /** The demo as recorded by {@link #generate}: its seed, size and up to when it has data. */
    public record DemoState(long seed, DemoSize size, OffsetDateTime generatedThrough) {}

    /** What {@link #rollForward} added: messages created in {@code (from, to]}. */
    public record RollForward(OffsetDateTime from, OffsetDateTime to, int messages) {}

    /** A roll-forward looks back at most this far: older days are out of every range the dashboard offers. */
    static final int MAX_ROLL_DAYS = 400;

    /**
     * About the mean audience weight of the first generation's messages (mostly the bulk campaigns'
     * exp(4r), doubled in November and December): a message of weight w reaches about w / this times
     * the average audience.
     */
    private static final double MEAN_WEIGHT = 6.5;

    /** Earlier than any generated time: "from the start" for a time window. */
    private static final OffsetDateTime BEFORE_ANY_DEMO = OffsetDateTime.parse("1900-01-01T00:00:00Z");

    /** Bulk campaigns planned this long ahead wait as scheduled messages. */
    static final int PLANNED_AHEAD_DAYS = 14;

    /** Empty when the data in the database did not come from the generator. */
    public Optional<DemoState> state() {
        return readState(db, "");
    }

    private static Optional<DemoState> readState(DSLContext ctx, String lock) {
        return ctx.fetchOptional("select * from demo_state " + lock)
                .map(r -> new DemoState(
                        r.get("seed", Long.class),
                        new DemoSize(
                                r.get("size_name", String.class),
                                r.get("contacts_first", Integer.class),
                                r.get("contacts_second", Integer.class),
                                r.get("messages_first", Integer.class),
                                r.get("messages_second", Integer.class),
                                r.get("recipients_first", Long.class),
                                r.get("recipients_second", Long.class),
                                r.get("largest_message", Integer.class)),
                        r.get("generated_through", OffsetDateTime.class)));
    }

    /**
     * Brings generated demo data up to {@code to}: the messages of every day since the last
     * generation (at most {@value #MAX_ROLL_DAYS} days back) whose creation time has come, with their
     * recipients, outcomes and clicks as of {@code to}; scheduled messages whose time has come are
     * sent. A day's messages follow from the seed and the day alone, so the same days give the same
     * data whether brought up in one start or several. One transaction, locked against a second
     * node doing the same; counters and rollups follow from the triggers. Empty without a recorded
     * demo.
     */
    public Optional<RollForward> rollForward(OffsetDateTime to) {
        var now = to.truncatedTo(ChronoUnit.SECONDS).withOffsetSameInstant(ZoneOffset.UTC);
        return Tenant.allAccounts(() -> db.transactionResult(trx -> {
            var tx = trx.dsl();
            var current = readState(tx, "for update");
            if (current.isEmpty()) {
                return Optional.<RollForward>empty();
            }
            var state = current.get();
            var through = state.generatedThrough().withOffsetSameInstant(ZoneOffset.UTC);
            if (!now.isAfter(through)) {
                return Optional.of(new RollForward(through, through, 0));
            }
            var from = through.isBefore(now.minusDays(MAX_ROLL_DAYS)) ? now.minusDays(MAX_ROLL_DAYS) : through;
            var plans = plans(state.size());
            tx.execute("""
                    create temp table demo_new_message (
                        account_id bigint, key bigint, created_at timestamptz, name text, content text, channel channel,
                        gateway_id bigint, type message_type, state message_state, owner_id bigint, audience_size int,
                        scheduled_at timestamptz, sent_at timestamptz) on commit drop
                    """);
            for (var plan : plans) {
                planMessages(tx, plan, state.seed(), from, now);
            }
            // Ids in the order of creation across accounts: the same whether one start or several add the days.
            var added = tx.fetch("""
                    insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id,
                                         audience_size, created_at, scheduled_at, sent_at)
                    select account_id, id, name, content || id, channel, gateway_id, type, state, owner_id,
                           audience_size, created_at, scheduled_at, sent_at
                    from (select n.*, (select coalesce(max(id), 0) from message)
                                      + row_number() over (order by created_at, account_id, key) as id
                          from demo_new_message n) n
                    order by id
                    returning account_id, id, state = 'SENT'
                    """);
            long contactBase = 0;
            for (var plan : plans) {
                var sent = tx.fetch("""
                                select id from message where account_id = ? and state = 'SENT'
                                  and sent_at > ?::timestamptz - interval '7 days' and sent_at <= ?::timestamptz
                                """, plan.id(), from, from).getValues(0, Long.class);
                if (!sent.isEmpty()) {
                    completeOutcomes(tx, plan, contactBase, state.seed(), from, now, MessageIds.anyOf(sent));
                }
                var toSend = new ArrayList<Long>(tx.fetch("""
                                update message set state = 'SENT', sent_at = scheduled_at
                                where account_id = ? and state = 'SCHEDULED' and scheduled_at <= ?::timestamptz
                                returning id
                                """, plan.id(), now).getValues(0, Long.class));
                var ofAccount = added.stream()
                        .filter(r -> r.get(0, Long.class) == plan.id())
                        .toList();
                var newIds = ofAccount.stream().map(r -> r.get(1, Long.class)).toList();
                if (!newIds.isEmpty()) {
                    insertLinks(tx, plan, state.seed(), newIds);
                }
                ofAccount.stream()
                        .filter(r -> r.get(2, Boolean.class))
                        .map(r -> r.get(1, Long.class))
                        .forEach(toSend::add);
                if (!toSend.isEmpty()) {
                    insertRecipients(tx, plan, contactBase, state.seed(), now, MessageIds.anyOf(toSend));
                }
                contactBase += plan.contacts();
            }
            tx.execute("select setval(pg_get_serial_sequence('message', 'id'), (select max(id) from message))");
            DemoOrders.rollForward(tx, plans.stream().map(AccountPlan::id).toList(), state.seed(), from, now);
            tx.execute("update demo_state set generated_through = ?::timestamptz", now);
            return Optional.of(new RollForward(from, now, added.size()));
        }));
    }

    /**
     * Adds the messages of the days in {@code (from, now]} as the seed and each day make them: a
     * few a day in proportion to the demo's size, the first an automation rule before 6:00 so that
     * every day has early traffic; bulk campaigns in the day and partly planned
     * {@value #PLANNED_AHEAD_DAYS} days ahead (then scheduled until their time).
     */
    private void planMessages(DSLContext tx, AccountPlan plan, long seed, OffsetDateTime from, OffsetDateTime now) {
        var perDay = plan.messages() / 395.0;
        var perMessage = (double) plan.recipients() / plan.messages();
        var owners = plan.users().stream().map(u -> Long.toString(u.id())).toList();
        tx.execute(
                """
                        with days as (
                            select d::date as day, d::date - date '2000-01-01' as day_no
                            from generate_series((?::timestamptz at time zone 'Europe/Warsaw')::date,
                                                 (?::timestamptz at time zone 'Europe/Warsaw')::date + ?,
                                                 interval '1 day') d
                        ),
                        planned as (
                            select day, k, (? * 100000 + day_no) * 100 + k as key
                            from days
                            cross join lateral generate_series(1, least(99, greatest(3,
                                round(? * (0.5 + demo_random(?, ? * 100000 + day_no, 60))))::int)) k
                        ),
                        base as (
                            select p.*,
                                   demo_random(?, key, 61) as r_type, demo_random(?, key, 62) as r_channel,
                                   demo_random(?, key, 63) as r_gateway, demo_random(?, key, 64) as r_owner,
                                   demo_random(?, key, 65) as r_hour, demo_random(?, key, 66) as r_weight,
                                   demo_random(?, key, 67) as r_name, demo_random(?, key, 69) as r_ahead
                            from planned p
                        ),
                        shaped as (
                            select b.*,
                                   case when k = 1 then 'RULE' when r_type < 0.35 then 'BULK'
                                        when r_type < 0.60 then 'RULE' when r_type < 0.80 then 'WORKFLOW'
                                        when r_type < 0.90 then 'BIRTHDAY' else 'TEST' end::message_type as type,
                                   %s as channel
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
                                        then send_time - make_interval(days => ?) else send_time end as created_at,
                                   to_char(send_time at time zone 'Europe/Warsaw', 'MM-DD') as month_day
                            from timed t
                        ),
                        due as (
                            select c.* from created c
                            where created_at > ?::timestamptz and created_at <= ?::timestamptz
                        )
                        insert into demo_new_message (account_id, key, name, content, channel, gateway_id, type, state,
                                                      owner_id, audience_size, created_at, scheduled_at, sent_at)
                        select ?, key,
                               (case type
                                    when 'BULK' then (select c[1 + floor(r_name * cardinality(c))::int]
                                                      from (select %s as c) campaigns)
                                    when 'RULE' then (array['Porzucony koszyk','Przypomnienie o płatności',
                                        'Produkt znów dostępny','Obniżka ceny w ulubionych','Prośba o opinię'])
                                        [1 + floor(r_name * 5)::int]
                                    when 'WORKFLOW' then (array['Powitanie – krok 1','Powitanie – krok 2',
                                        'Reaktywacja klienta','Program lojalnościowy','Po zakupie – cross-sell'])
                                        [1 + floor(r_name * 5)::int]
                                    when 'BIRTHDAY' then 'Życzenia urodzinowe z rabatem'
                                    else 'Test: ' || (array['podgląd treści','link skrócony','nowy szablon'])
                                        [1 + floor(r_name * 3)::int]
                                end) || ' ' || to_char(send_time at time zone 'Europe/Warsaw', 'DD.MM.YYYY'),
                               (case type
                                    when 'BIRTHDAY' then 'Wszystkiego najlepszego! Z okazji urodzin mamy dla Ciebie -20%%: '
                                    when 'RULE' then 'Hej! Coś czeka w Twoim koszyku. Dokończ zamówienie: '
                                    else 'Sprawdź naszą ofertę specjalną – tylko teraz: '
                                end) || 'https://sklep.example.pl/oferta/',
                               channel,
                               -- The early rule goes through a gateway that reports deliveries: counted traffic.
                               case when channel = 'SMS' then (case when r_gateway < 0.8 or k = 1 then ? else ? end) end,
                               type,
                               case when send_time <= ?::timestamptz then 'SENT' else 'SCHEDULED' end::message_state,
                               (%s)[1 + floor(r_owner * %d)::int],
                               case when type = 'TEST' then 1 + (key %% 3)::int
                                    -- The history's audience weights, so days added later look like the days before.
                                    else least(?, greatest(1, round(? / ? * case type
                                        when 'BULK' then exp(4 * r_weight)
                                            * case when extract(month from send_time at time zone 'Europe/Warsaw') in (11, 12)
                                                   then 2 else 1 end
                                        when 'RULE' then 0.3 * exp(2 * r_weight)
                                        when 'WORKFLOW' then 0.25 * exp(2 * r_weight)
                                        else 0.15 * exp(r_weight) end)))::int end,
                               created_at,
                               case when created_at < send_time then send_time end,
                               case when send_time <= ?::timestamptz then send_time end
                        from due
                        """.formatted(
                                channelCase(plan),
                                bulkCampaignNames("month_day"),
                                "array[" + String.join(",", owners) + "]::bigint[]",
                                owners.size()),
                from,
                now,
                PLANNED_AHEAD_DAYS + 1,
                plan.id(),
                perDay,
                seed,
                plan.id(),
                seed,
                seed,
                seed,
                seed,
                seed,
                seed,
                seed,
                seed,
                PLANNED_AHEAD_DAYS,
                from,
                now,
                plan.id(),
                plan.gateways().get(0).id(),
                plan.gateways().get(1).id(),
                now,
                plan.contacts(),
                perMessage,
                MEAN_WEIGHT,
                now);
    }

    private void insertLinks(DSLContext tx, AccountPlan plan, long seed, List<Long> ids) {
        tx.execute("""
                insert into message_link (account_id, message_id, link_no, url)
                select m.account_id, m.id, n,
                       (array['https://sklep.example.pl/oferta/','https://sklep.example.pl/koszyk/',
                              'https://sklep.example.pl/nowosci/'])[n] || m.id
                from message m cross join generate_series(1, 1 + floor(demo_random(?, m.id, 68) * 3)::int) n
                where m.account_id = ? and m.id = any(?::bigint[])
                """, seed, plan.id(), ids.toArray(Long[]::new));
    }

    private static long secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000_000;
    }

    static List<AccountPlan> plans(DemoSize size) {
        return List.of(
                new AccountPlan(
                        1,
                        "Flora — kwiaciarnia online",
                        size.contactsFirst(),
                        size.messagesFirst(),
                        size.recipientsFirst(),
                        size.largestMessage(),
                        Map.of("SMS", 0.5, "WHATSAPP", 0.3, "VIBER", 0.2),
                        List.of(
                                new Gateway(1, "SMSAPI", "twilio", true),
                                new Gateway(2, "Bramka Ekonomiczna", "twilio", false)),
                        List.of(
                                new User(1, "anna", "Anna Kowalska"),
                                new User(2, "piotr", "Piotr Nowak"),
                                new User(3, "kasia", "Katarzyna Wiśniewska"))),
                new AccountPlan(
                        2,
                        "Sportowy Świat",
                        size.contactsSecond(),
                        size.messagesSecond(),
                        size.recipientsSecond(),
                        Math.min(size.largestMessage(), size.contactsSecond()) / 2,
                        Map.of("SMS", 0.65, "WHATSAPP", 0.35),
                        List.of(
                                new Gateway(3, "SerwerSMS", "twilio", true),
                                new Gateway(4, "Tania Bramka", "twilio", false)),
                        List.of(new User(4, "marek", "Marek Zieliński"), new User(5, "ewa", "Ewa Wójcik"))));
    }

    private void createAccount(DSLContext tx, AccountPlan plan) {
        tx.execute("insert into account (id, name, time_zone) values (?, ?, 'Europe/Warsaw')", plan.id(), plan.name());
        for (var user : plan.users()) {
            tx.execute(
                    "insert into app_user (id, account_id, username, password_hash, full_name, role, locale) "
                            + "values (?, ?, ?, ?, ?, 'MARKETER', 'pl')",
                    user.id(),
                    plan.id(),
                    user.username(),
                    passwordEncoder.encode(DEMO_PASSWORD),
                    user.fullName());
        }
        for (var gateway : plan.gateways()) {
            tx.execute(
                    "insert into sms_gateway (account_id, id, name, provider, supports_callbacks, webhook_secret) "
                            + "values (?, ?, ?, ?, ?, ?)",
                    plan.id(),
                    gateway.id(),
                    gateway.name(),
                    gateway.provider(),
                    gateway.callbacks(),
                    "demo-secret-sms-" + gateway.id());
        }
        for (var channel : plan.channelShares().keySet()) {
            tx.execute(
                    "insert into channel_integration (account_id, channel, display_name, webhook_secret, verify_token) "
                            + "values (?, ?::channel, ?, ?, ?)",
                    plan.id(),
                    channel,
                    displayName(channel),
                    "demo-secret-" + channel.toLowerCase() + "-" + plan.id(),
                    "demo-verify-" + plan.id());
        }
    }

    private static String displayName(String channel) {
        return switch (channel) {
            case "WHATSAPP" -> "WhatsApp Business";
            case "VIBER" -> "Viber Business Messages";
            default -> "SMS";
        };
    }

    private void createContacts(DSLContext tx, AccountPlan plan, long contactBase, long seed, OffsetDateTime now) {
        tx.execute(
                """
                insert into contact (account_id, id, first_name, last_name, phone, email, birthday, created_at)
                select ?, ? + i, f, l,
                       '+48 ' || substr(digits, 1, 3) || ' ' || substr(digits, 4, 3) || ' ' || substr(digits, 7, 3),
                       -- The contact's id makes the address unique: one e-mail address per contact.
                       case when demo_random(?, ? + i, 4) < 0.85
                            then fold_text(f) || '.' || fold_text(l) || '.' || (? + i) || '@example.pl' end,
                       date '1960-01-01' + floor(demo_random(?, ? + i, 5) * 16000)::int,
                       ?::timestamptz - make_interval(days => 400 + floor(demo_random(?, ? + i, 6) * 900)::int)
                from generate_series(1, ?) i
                cross join lateral (
                    select 1 + floor(demo_random(?, ? + i, 1) * 32)::int as first_no,
                           (array['Nowak','Kowalski','Wiśniewski','Wójcik','Kowalczyk','Kamiński','Lewandowski',
                                  'Zieliński','Szymański','Woźniak','Dąbrowski','Kozłowski','Jankowski','Mazur',
                                  'Kwiatkowski','Krawczyk','Piotrowski','Grabowski','Nowakowski','Pawłowski',
                                  'Michalski','Król','Wieczorek','Jabłoński','Wróbel','Nowicki','Majewski',
                                  'Olszewski','Stępień','Żółtowski','Górski','Zawadzki'])
                               [1 + floor(demo_random(?, ? + i, 2) * 32)::int] as surname,
                           (500000000 + floor(demo_random(?, ? + i, 3) * 299999999)::bigint)::text as digits
                ) r
                cross join lateral (
                    -- The first 16 names are women's: adjectival surnames agree (Żółtowski → Żółtowska).
                    select (array['Anna','Maria','Katarzyna','Małgorzata','Agnieszka','Barbara','Ewa','Krystyna',
                                  'Magdalena','Elżbieta','Joanna','Aleksandra','Zofia','Monika','Natalia','Łucja',
                                  'Piotr','Krzysztof','Andrzej','Tomasz','Paweł','Michał','Marcin','Jakub',
                                  'Adam','Łukasz','Mateusz','Grzegorz','Stanisław','Wojciech','Józef','Świętosław'])
                               [first_no] as f,
                           case when first_no <= 16 then regexp_replace(surname, '(sk|ck|dzk)i$', '\\1a')
                                else surname end as l
                ) n
                """,
                plan.id(),
                contactBase,
                seed,
                contactBase,
                contactBase,
                seed,
                contactBase,
                now,
                seed,
                contactBase,
                plan.contacts(),
                seed,
                contactBase,
                seed,
                contactBase,
                seed,
                contactBase);
        // Consents: some contacts opt in per channel, a tenth of them withdrew later.
        for (var channel : plan.channelShares().keySet()) {
            var optInShare = switch (channel) {
                case "SMS" -> 0.72;
                case "WHATSAPP" -> 0.48;
                default -> 0.33;
            };
            var k = 10 + channel.length();
            tx.execute(
                    """
                    insert into contact_consent (account_id, contact_id, channel, opted_in, changed_at)
                    select ?, ? + i, ?::channel, demo_random(?, ? + i, ? + 1) >= 0.1,
                           ?::timestamptz - make_interval(secs => floor(demo_random(?, ? + i, ? + 2) * 395 * 86400))
                    from generate_series(1, ?) i
                    where demo_random(?, ? + i, ?) < ?
                    """,
                    plan.id(),
                    contactBase,
                    channel,
                    seed,
                    contactBase,
                    k,
                    now,
                    seed,
                    contactBase,
                    k,
                    plan.contacts(),
                    seed,
                    contactBase,
                    k,
                    optInShare);
        }
    }

    /** SQL choosing a message's channel from {@code r_channel} in the account's channel shares. */
    private static String channelCase(AccountPlan plan) {
        var channelCase = new StringBuilder("case");
        var cumulative = 0.0;
        for (var channel : List.of("SMS", "WHATSAPP", "VIBER")) {
            var share = plan.channelShares().get(channel);
            if (share != null) {
                cumulative += share;
                channelCase
                        .append(" when r_channel < ")
                        .append(cumulative)
                        .append(" then '")
                        .append(channel)
                        .append("'");
            }
        }
        return channelCase.append(" else 'SMS' end::channel").toString();
    }

    private void createMessages(
            DSLContext tx, AccountPlan plan, long contactBase, long messageBase, long seed, OffsetDateTime now) {
        var channelCase = channelCase(plan);
        var owners = plan.users().stream().map(u -> Long.toString(u.id())).toList();
        var ownerArray = "array[" + String.join(",", owners) + "]::bigint[]";
        var callbackGateway = plan.gateways().get(0).id();
        var silentGateway = plan.gateways().get(1).id();

        tx.execute(
                "create temp table demo_message (id bigint primary key, weight double precision, links int) on commit drop");
        tx.execute(
                """
                with base as (
                    select i, ? + i as id,
                           demo_random(?, ? + i, 1) as r_day, demo_random(?, ? + i, 2) as r_season,
                           demo_random(?, ? + i, 3) as r_type, demo_random(?, ? + i, 4) as r_channel,
                           demo_random(?, ? + i, 5) as r_gateway, demo_random(?, ? + i, 6) as r_owner,
                           demo_random(?, ? + i, 7) as r_hour, demo_random(?, ? + i, 8) as r_state,
                           demo_random(?, ? + i, 9) as r_weight, demo_random(?, ? + i, 10) as r_name,
                           demo_random(?, ? + i, 11) as r_links
                    from generate_series(1, ?) i
                ),
                shaped as (
                    select b.*,
                           case when r_type < 0.35 then 'BULK' when r_type < 0.60 then 'RULE'
                                when r_type < 0.80 then 'WORKFLOW' when r_type < 0.90 then 'BIRTHDAY'
                                else 'TEST' end::message_type as type,
                           %s as channel,
                           -- Seasonality: a share of summer campaigns moves to November and December.
                           case when extract(month from (?::timestamptz at time zone 'Europe/Warsaw')::date
                                                      - floor(r_day * 395)::int) in (7, 8) and r_season < 0.45
                                then greatest(0, floor(r_day * 395)::int - 100 - floor(r_season * 100)::int)
                                else floor(r_day * 395)::int end as day_offset,
                           case when r_state < 0.04 then 'SCHEDULED' when r_state < 0.05 then 'CANCELLED'
                                else 'SENT' end as planned_state
                    from base b
                ),
                timed as (
                    select s.*,
                           (((?::timestamptz at time zone 'Europe/Warsaw')::date - day_offset)
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
                           case when local_time >= ?::timestamptz then local_time - interval '1 day'
                                else local_time end as past_time,
                           ?::timestamptz + make_interval(mins => 60 + floor(r_day * 43200)::int) as future_time
                    from timed t
                ),
                named as (
                    select f.*,
                           to_char(case when state = 'SCHEDULED' then future_time else past_time end
                                       at time zone 'Europe/Warsaw', 'MM-DD') as month_day
                    from final f
                ),
                ins as (
                    insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id,
                                         audience_size, created_at, scheduled_at, sent_at)
                    select ?, id,
                           (case type
                                when 'BULK' then (select c[1 + floor(r_name * cardinality(c))::int]
                                                  from (select %s as c) campaigns)
                                when 'RULE' then (array['Porzucony koszyk','Przypomnienie o płatności',
                                    'Produkt znów dostępny','Obniżka ceny w ulubionych','Prośba o opinię'])
                                    [1 + floor(r_name * 5)::int]
                                when 'WORKFLOW' then (array['Powitanie – krok 1','Powitanie – krok 2',
                                    'Reaktywacja klienta','Program lojalnościowy','Po zakupie – cross-sell'])
                                    [1 + floor(r_name * 5)::int]
                                when 'BIRTHDAY' then 'Życzenia urodzinowe z rabatem'
                                else 'Test: ' || (array['podgląd treści','link skrócony','nowy szablon'])
                                    [1 + floor(r_name * 3)::int]
                            end) || ' ' || to_char(case when state = 'SCHEDULED' then future_time else past_time end
                                                       at time zone 'Europe/Warsaw', 'DD.MM.YYYY'),
                           (case type
                                when 'BIRTHDAY' then 'Wszystkiego najlepszego! Z okazji urodzin mamy dla Ciebie -20%%: '
                                when 'RULE' then 'Hej! Coś czeka w Twoim koszyku. Dokończ zamówienie: '
                                else 'Sprawdź naszą ofertę specjalną – tylko teraz: '
                            end) || 'https://sklep.example.pl/oferta/' || id,
                           channel,
                           case when channel = 'SMS' then (case when r_gateway < 0.8 then ? else ? end) end,
                           type, state, (%s)[1 + floor(r_owner * %d)::int], 0,
                           case when state = 'SCHEDULED' then ?::timestamptz else past_time - interval '2 days' end,
                           case when state = 'SCHEDULED' then future_time
                                when state = 'CANCELLED' then past_time end,
                           case when state = 'SENT' then past_time end
                    from named
                    returning id
                )
                insert into demo_message (id, weight, links)
                select f.id,
                       case f.type
                           when 'BULK' then exp(4 * f.r_weight)
                               * case when extract(month from f.past_time at time zone 'Europe/Warsaw') in (11, 12)
                                      then 2 else 1 end
                           when 'RULE' then 0.3 * exp(2 * f.r_weight)
                           when 'WORKFLOW' then 0.25 * exp(2 * f.r_weight)
                           when 'BIRTHDAY' then 0.15 * exp(f.r_weight)
                           else 0 end,
                       1 + floor(f.r_links * 3)::int
                from final f join ins on ins.id = f.id
                """.formatted(channelCase, bulkCampaignNames("month_day"), ownerArray, owners.size()),
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                seed,
                messageBase,
                plan.messages(),
                now,
                now,
                now,
                now,
                plan.id(),
                callbackGateway,
                silentGateway,
                now);

        // Audiences: weights scaled to the recipient target; tests reach a handful of contacts; the
        // heaviest bulk campaign becomes the largest message.
        tx.execute("""
                with totals as (select sum(weight) as total from demo_message where weight > 0)
                update message m
                set audience_size = case when m.type = 'TEST' then 1 + (m.id % 3)::int
                                         else least(?, greatest(1, round(d.weight * ? / t.total)))::int end
                from demo_message d, totals t
                where m.account_id = ? and m.id = d.id
                """, plan.contacts(), plan.recipients(), plan.id());
        tx.execute("""
                update message set audience_size = ?
                where account_id = ? and id = (select m.id from message m join demo_message d on d.id = m.id
                                               where m.account_id = ? and m.type = 'BULK' and m.state = 'SENT'
                                               order by d.weight desc, m.id limit 1)
                """, Math.min(plan.largestMessage(), plan.contacts()), plan.id(), plan.id());
        tx.execute("""
                insert into message_link (account_id, message_id, link_no, url)
                select ?, d.id, n, (array['https://sklep.example.pl/oferta/','https://sklep.example.pl/koszyk/',
                                          'https://sklep.example.pl/nowosci/'])[n] || d.id
                from demo_message d cross join generate_series(1, d.links) n
                """, plan.id());
    }

    /** A bulk campaign's name and the days of the year it fits ("MM-DD..MM-DD", both ends included). */
    record Campaign(String name, List<String> seasons) {}

    /** Bulk campaigns; one without seasons fits any day. Names fit their dates: no "Walentynki" in November. */
    static final List<Campaign> BULK_CAMPAIGNS = List.of(
            new Campaign("Nowa kolekcja", List.of()),
            new Campaign("Darmowa dostawa do niedzieli", List.of()),
            new Campaign("Żółty tydzień cen", List.of()),
            new Campaign("Noworoczna wyprzedaż", List.of("01-02..01-31")),
            new Campaign("Wyprzedaż sezonowa", List.of("01-02..02-28", "07-01..08-31")),
            new Campaign("Walentynki", List.of("02-01..02-14")),
            new Campaign("Dzień Kobiet", List.of("03-01..03-08")),
            new Campaign("Wiosenna kolekcja", List.of("03-01..05-31")),
            new Campaign("Wielkanocne inspiracje", List.of("03-15..04-20")),
            new Campaign("Majówka", List.of("04-20..05-03")),
            new Campaign("Dzień Matki", List.of("05-10..05-26")),
            new Campaign("Dzień Ojca", List.of("06-10..06-23")),
            new Campaign("Letnie rabaty", List.of("06-01..08-31")),
            new Campaign("Powrót do szkoły", List.of("08-10..09-15")),
            new Campaign("Jesienna kolekcja", List.of("09-01..11-15")),
            new Campaign("Black Friday -30%", List.of("11-20..11-30")),
            new Campaign("Mikołajki", List.of("11-25..12-06")),
            new Campaign("Świąteczna promocja", List.of("11-15..12-23")));

    /** SQL array of the campaign names that fit the day in {@code monthDay} (text "MM-DD"). */
    static String bulkCampaignNames(String monthDay) {
        var names = BULK_CAMPAIGNS.stream()
                .map(campaign -> {
                    var literal = "'" + campaign.name().replace("'", "''") + "'";
                    if (campaign.seasons().isEmpty()) {
                        return literal;
                    }
                    var fits = campaign.seasons().stream()
                            .map(season -> season.split("\\.\\."))
                            .map(ends -> monthDay + " between '" + ends[0] + "' and '" + ends[1] + "'")
                            .collect(Collectors.joining(" or "));
                    return "case when " + fits + " then " + literal + " end";
                })
                .collect(Collectors.joining(", "));
        return "array_remove(array[" + names + "]::text[], null)";
    }

    /** Recipients and clicks in chunks of whole messages, each chunk one transaction. */
    private List<Runnable> recipientChunks(
            AccountPlan plan,
            long contactBase,
            long seed,
            OffsetDateTime now,
            long chunkRows,
            LongConsumer recipientRowsDone) {
        // Chunks of about chunkRows recipients keep each statement's trigger delta small.
        var chunks = db.fetch("""
                select min(id) as first_id, max(id) as last_id, sum(audience_size) as rows
                from (select id, audience_size, sum(audience_size) over (order by id) / ? as chunk
                      from message where account_id = ? and state = 'SENT') x
                group by chunk order by 1
                """, chunkRows, plan.id());
        return chunks.stream()
                .<Runnable>map(chunk -> {
                    long first = chunk.get("first_id", Long.class);
                    long last = chunk.get("last_id", Long.class);
                    long rows = chunk.get("rows", Long.class);
                    return () -> {
                        Tenant.runAllAccounts(() -> db.transaction(trx -> insertRecipients(
                                trx.dsl(), plan, contactBase, seed, now, MessageIds.between(first, last))));
                        recipientRowsDone.accept(rows);
                    };
                })
                .toList();
    }

    /** Tables written in bulk: their triggers are switched off and their secondary indexes dropped. */
    private static final List<String> BULK_TABLES =
            List.of("contact", "contact_consent", "message_recipient", "click_event");

    /** Switches the bulk tables' triggers off, drops their secondary indexes and returns their definitions. */
    private List<String> suspendTriggersAndIndexes() {
        var indexes = db.fetch("""
                select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
                where i.indrelid = any (?::regclass[]) and not i.indisprimary
                  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                """, (Object) BULK_TABLES.toArray(String[]::new));
        db.transaction(trx -> {
            for (var table : BULK_TABLES) {
                trx.dsl().execute("alter table " + table + " disable trigger user");
            }
            for (var index : indexes) {
                trx.dsl().execute("drop index " + index.get(0, String.class));
            }
        });
        return indexes.getValues(1, String.class);
    }

    private void restoreTriggersAndIndexes(List<String> indexDefinitions) {
        try {
            runInParallel(indexDefinitions.stream()
                    .<Runnable>map(definition -> () -> db.execute(definition))
                    .toList());
        } finally {
            for (var table : BULK_TABLES) {
                db.execute("alter table " + table + " enable trigger user");
            }
        }
    }

    /** Recounts what the switched-off triggers keep: counters, rollups and contact flags of every account. */
    private void rebuild(List<AccountPlan> plans) {
        var rebuilds = new ArrayList<Runnable>();
        for (var plan : plans) {
            for (var function : List.of("rebuild_opt_in_flags", "rebuild_counters", "rebuild_analytics")) {
                rebuilds.add(() -> Tenant.runAllAccounts(
                        () -> db.transaction(trx -> trx.dsl().execute("select " + function + "(?)", plan.id()))));
            }
        }
        runInParallel(rebuilds);
    }

    /** Runs the tasks on every core and waits for all; the first failure is rethrown. */
    private static void runInParallel(List<Runnable> tasks) {
        var threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = tasks.stream().map(pool::submit).toList();
            for (var future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.shutdownNow();
                    throw new IllegalStateException("Demo data generation interrupted", e);
                }
            }
        }
    }

    /** Which messages a statement is about: a condition on a message id column and its bindings. */
    record MessageIds(String condition, List<Object> bindings) {

        static MessageIds between(long first, long last) {
            return new MessageIds("between ? and ?", List.of(first, last));
        }

        static MessageIds anyOf(List<Long> ids) {
            return new MessageIds("= any(?::bigint[])", List.of((Object) ids.toArray(Long[]::new)));
        }

        Object[] bind(Object... before) {
            var all = new ArrayList<Object>(Arrays.asList(before));
            all.addAll(bindings);
            return all.toArray();
        }
    }

    /**
     * SQL of every recipient of the chosen sent messages with all its outcomes as the seed makes them,
     * whenever they happen (insert and completion keep those up to their "now"); bindings by
     * {@link #outcomeBindings}.
     */
    private static String outcomes(MessageIds ids) {
        return """
                    select o.*,
                           case when opened then delivered_at + make_interval(secs => 30 + -ln(1 - r5) * 5400) end
                               as opened_at,
                           case when clicked then coalesce(
                                    case when opened then delivered_at + make_interval(secs => 30 + -ln(1 - r5) * 5400) end,
                                    delivered_at, sent_at + interval '1 minute')
                                + make_interval(secs => 20 + -ln(1 - r7) * 1800) end as clicked_at
                    from (
                        select x.*,
                               case when outcome = 'D' then sent_at + make_interval(secs => 1 + -ln(1 - r2) * latency) end
                                   as delivered_at,
                               case when outcome = 'F' then sent_at + make_interval(secs => 1 + r2 * 30) end as failed_at,
                               case when outcome = 'F' then (errors)[1 + floor(r3 * array_length(errors, 1))::int] end
                                   as error_code,
                               case when outcome = 'F' then (permanent)[1 + floor(r3 * array_length(errors, 1))::int] end
                                   as error_permanent,
                               outcome = 'D' and channel <> 'SMS' and r4 < open_share as opened,
                               outcome in ('D', 'U') and r6 < click_share as clicked
                        from (
                            select m.account_id, m.id as message_id, m.channel, m.type,
                                   ? + 1 + ((st.start + j) %% ?) as contact_id,
                                   m.sent_at + make_interval(secs => j * 0.004) as sent_at,
                                   r.*,
                                   case when m.channel = 'SMS' and not g.supports_callbacks then 'U'
                                        when r.r1 < case m.channel when 'SMS' then 0.94 when 'WHATSAPP' then 0.965
                                                                    else 0.91 end then 'D'
                                        when r.r1 < case m.channel when 'SMS' then 0.95 when 'WHATSAPP' then 0.972
                                                                    else 0.92 end then 'P'
                                        else 'F' end as outcome,
                                   case m.channel when 'SMS' then 6 when 'WHATSAPP' then 2 else 4 end as latency,
                                   case m.channel when 'WHATSAPP' then 0.78 else 0.62 end as open_share,
                                   case m.type when 'BULK' then 0.06 when 'RULE' then 0.13 when 'WORKFLOW' then 0.10
                                               when 'BIRTHDAY' then 0.16 else 0.35 end as click_share,
                                   case m.channel
                                       when 'SMS' then array['30003','30005','30006','30007','30008']
                                       when 'WHATSAPP' then array['131026','131047','131048','131049']
                                       else array['NOT_VIBER_USER','USER_BLOCKED','EXPIRED'] end as errors,
                                   case m.channel
                                       when 'SMS' then array[false,true,true,true,false]
                                       when 'WHATSAPP' then array[true,true,false,false]
                                       else array[true,true,false] end as permanent
                            from message m
                            left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                            cross join lateral (select case when m.type = 'TEST' then 0
                                                            else floor(demo_random(?, m.id, 20) * ?)::bigint end as start) st
                            cross join lateral generate_series(0, m.audience_size - 1) j
                            cross join lateral (
                                select demo_random(?, m.id * 10000000 + j, 1) as r1,
                                       demo_random(?, m.id * 10000000 + j, 2) as r2,
                                       demo_random(?, m.id * 10000000 + j, 3) as r3,
                                       demo_random(?, m.id * 10000000 + j, 4) as r4,
                                       demo_random(?, m.id * 10000000 + j, 5) as r5,
                                       demo_random(?, m.id * 10000000 + j, 6) as r6,
                                       demo_random(?, m.id * 10000000 + j, 7) as r7
                            ) r
                            where m.account_id = ? and m.state = 'SENT' and m.id %s
                        ) x
                    ) o
                """.formatted(ids.condition());
    }

    private static Object[] outcomeBindings(AccountPlan plan, long contactBase, long seed, MessageIds ids) {
        return ids.bind(
                contactBase,
                plan.contacts(),
                seed,
                plan.contacts(),
                seed,
                seed,
                seed,
                seed,
                seed,
                seed,
                seed,
                plan.id());
    }

    private void insertRecipients(
            DSLContext tx, AccountPlan plan, long contactBase, long seed, OffsetDateTime now, MessageIds ids) {
        var bindings = new ArrayList<Object>(List.of(now, now, now, now, now, now, now));
        bindings.addAll(List.of(outcomeBindings(plan, contactBase, seed, ids)));
        tx.execute("""
                insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at,
                                               delivered_at, opened_at, clicked_at, failed_at, error_code, error_permanent)
                select account_id, message_id, contact_id,
                       case when sent_at > ?::timestamptz - interval '30 days' then
                           case channel when 'SMS' then 'SM' || md5(message_id || ':' || contact_id)
                                        when 'WHATSAPP' then 'wamid.' || md5(message_id || ':' || contact_id)
                                        else (message_id * 100000000 + contact_id)::text end end,
                       sent_at,
                       case when delivered_at <= ?::timestamptz then delivered_at end,
                       case when opened_at <= ?::timestamptz then opened_at end,
                       case when clicked_at <= ?::timestamptz then clicked_at end,
                       case when failed_at <= ?::timestamptz then failed_at end,
                       case when failed_at <= ?::timestamptz then error_code end,
                       case when failed_at <= ?::timestamptz then error_permanent end
                from (%s) y
                """.formatted(outcomes(ids)), bindings.toArray());
        insertClicks(tx, plan, seed, null, now, ids);
    }

    /**
     * Outcomes the seed gave to recipients of earlier messages that fell after the last generation,
     * in {@code (from, now]}: late reads, clicks and delivery reports arrive, as they would have.
     * A recipient is recognised by its contact and exact send time, so rows the generator did not
     * make are left alone.
     */
    private void completeOutcomes(
            DSLContext tx,
            AccountPlan plan,
            long contactBase,
            long seed,
            OffsetDateTime from,
            OffsetDateTime now,
            MessageIds ids) {
        var bindings = new ArrayList<Object>(List.of(now, now, now, now, now, now));
        bindings.addAll(List.of(outcomeBindings(plan, contactBase, seed, ids)));
        bindings.addAll(List.of(now, now, now, now));
        tx.execute("""
                update message_recipient r
                set delivered_at = case when r.delivered_at is null and y.delivered_at <= ?::timestamptz
                                        then y.delivered_at else r.delivered_at end,
                    opened_at = case when r.opened_at is null and y.opened_at <= ?::timestamptz
                                     then y.opened_at else r.opened_at end,
                    clicked_at = case when r.clicked_at is null and y.clicked_at <= ?::timestamptz
                                      then y.clicked_at else r.clicked_at end,
                    failed_at = case when r.failed_at is null and y.failed_at <= ?::timestamptz
                                     then y.failed_at else r.failed_at end,
                    error_code = case when r.failed_at is null and y.failed_at <= ?::timestamptz
                                      then y.error_code else r.error_code end,
                    error_permanent = case when r.failed_at is null and y.failed_at <= ?::timestamptz
                                           then y.error_permanent else r.error_permanent end
                from (%s) y
                where r.account_id = y.account_id and r.message_id = y.message_id and r.contact_id = y.contact_id
                  and r.sent_at = y.sent_at
                  and ((r.delivered_at is null and y.delivered_at <= ?::timestamptz)
                       or (r.opened_at is null and y.opened_at <= ?::timestamptz)
                       or (r.clicked_at is null and y.clicked_at <= ?::timestamptz)
                       or (r.failed_at is null and y.failed_at <= ?::timestamptz))
                """.formatted(outcomes(ids)), bindings.toArray());
        insertClicks(tx, plan, seed, from, now, ids);
    }

    /** Clicks in {@code (after, now]} (from the start when {@code after} is null); some recipients come back. */
    private void insertClicks(
            DSLContext tx,
            AccountPlan plan,
            long seed,
            @Nullable OffsetDateTime after,
            OffsetDateTime now,
            MessageIds ids) {
        // Clicks: the first at the recipient's clicked time, some recipients come back once or twice.
        tx.execute(
                """
                insert into click_event (account_id, message_id, contact_id, link_no, clicked_at, user_agent)
                select r.account_id, r.message_id, r.contact_id,
                       1 + floor(demo_random(?, r.message_id * 10000000 + r.contact_id, 30 + n)
                                 * (select count(*) from message_link l
                                    where l.account_id = r.account_id and l.message_id = r.message_id))::int,
                       r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(?, r.contact_id, 40 + n) * 600)::int)),
                       'Mozilla/5.0 (Linux; Android 14) Mobile'
                from message_recipient r
                cross join generate_series(1, 1 + floor(demo_random(?, r.message_id * 10000000 + r.contact_id, 29) * 2.2)::int) n
                where r.account_id = ? and r.clicked_at is not null
                  and r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(?, r.contact_id, 40 + n) * 600)::int))
                      > ?::timestamptz
                  and r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(?, r.contact_id, 40 + n) * 600)::int))
                      <= ?::timestamptz
                  and r.message_id %s
                """.formatted(ids.condition()),
                ids.bind(seed, seed, seed, plan.id(), seed, after == null ? BEFORE_ANY_DEMO : after, seed, now));
    }
}
