package com.mobilemarketing.demo;

import com.mobilemarketing.core.db.Tenant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
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
    public static final String DEMO_PASSWORD = "demo";

    /** Recipients are inserted in statements of about this many rows. */
    private static final long CHUNK_ROWS = 1_000_000;

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

    /** Generates everything for {@code size}, as of {@code anchor} ("now" of the demo), through the triggers. */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor) {
        generate(size, seed, anchor, Load.TRIGGERED);
    }

    /** Generates everything for {@code size}, as of {@code anchor}; both loads give the same rows. */
    public void generate(DemoSize size, long seed, OffsetDateTime anchor, Load load) {
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
                chunks.addAll(recipientChunks(account, cb, seed, now));
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
            db.transaction(trx -> {
                for (var table : List.of("app_user", "sms_gateway", "contact", "message")) {
                    trx.dsl()
                            .execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
                                    + "(select max(id) from " + table + "))");
                }
            });
            db.execute("vacuum analyze");
        });
        log.info("Demo data '{}' generated in {} s", size.name(), secondsSince(started));
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
                       '+48 ' || substr(p, 1, 3) || ' ' || substr(p, 4, 3) || ' ' || substr(p, 7, 3),
                       case when demo_random(?, ? + i, 4) < 0.85
                            then fold_text(f) || '.' || fold_text(l) || (i % 1000) || '@example.pl' end,
                       date '1960-01-01' + floor(demo_random(?, ? + i, 5) * 16000)::int,
                       ?::timestamptz - make_interval(days => 400 + floor(demo_random(?, ? + i, 6) * 900)::int)
                from generate_series(1, ?) i
                cross join lateral (
                    select (array['Anna','Maria','Katarzyna','Małgorzata','Agnieszka','Barbara','Ewa','Krystyna',
                                  'Magdalena','Elżbieta','Joanna','Aleksandra','Zofia','Monika','Natalia','Łucja',
                                  'Piotr','Krzysztof','Andrzej','Tomasz','Paweł','Michał','Marcin','Jakub',
                                  'Adam','Łukasz','Mateusz','Grzegorz','Stanisław','Wojciech','Józef','Świętosław'])
                               [1 + floor(demo_random(?, ? + i, 1) * 32)::int] as f,
                           (array['Nowak','Kowalski','Wiśniewski','Wójcik','Kowalczyk','Kamiński','Lewandowski',
                                  'Zieliński','Szymański','Woźniak','Dąbrowski','Kozłowski','Jankowski','Mazur',
                                  'Kwiatkowski','Krawczyk','Piotrowski','Grabowski','Nowakowski','Pawłowski',
                                  'Michalski','Król','Wieczorek','Jabłoński','Wróbel','Nowicki','Majewski',
                                  'Olszewski','Stępień','Żółtowski','Górski','Rutkowski'])
                               [1 + floor(demo_random(?, ? + i, 2) * 32)::int] as l,
                           (500000000 + floor(demo_random(?, ? + i, 3) * 299999999)::bigint)::text as p
                ) n
                """,
                plan.id(),
                contactBase,
                seed,
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

    private void createMessages(
            DSLContext tx, AccountPlan plan, long contactBase, long messageBase, long seed, OffsetDateTime now) {
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
        channelCase.append(" else 'SMS' end::channel");
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
                ins as (
                    insert into message (account_id, id, name, content, channel, gateway_id, type, state, owner_id,
                                         audience_size, created_at, scheduled_at, sent_at)
                    select ?, id,
                           (case type
                                when 'BULK' then (array['Wyprzedaż sezonowa','Nowa kolekcja','Black Friday -30%%',
                                    'Darmowa dostawa do niedzieli','Świąteczna promocja','Dzień Matki','Walentynki',
                                    'Letnie rabaty','Powrót do szkoły','Żółty tydzień cen'])[1 + floor(r_name * 10)::int]
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
                    from final
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
                """.formatted(channelCase, ownerArray, owners.size()),
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

    /** Recipients and clicks in chunks of whole messages, each chunk one transaction. */
    private List<Runnable> recipientChunks(AccountPlan plan, long contactBase, long seed, OffsetDateTime now) {
        // Chunks of about CHUNK_ROWS recipients keep each statement's trigger delta small.
        var chunks = db.fetch("""
                select min(id) as first_id, max(id) as last_id
                from (select id, sum(audience_size) over (order by id) / ? as chunk
                      from message where account_id = ? and state = 'SENT') x
                group by chunk order by 1
                """, CHUNK_ROWS, plan.id());
        return chunks.stream()
                .<Runnable>map(chunk -> {
                    long first = chunk.get("first_id", Long.class);
                    long last = chunk.get("last_id", Long.class);
                    return () -> Tenant.runAllAccounts(() -> db.transaction(
                            trx -> insertRecipients(trx.dsl(), plan, contactBase, seed, now, first, last)));
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

    private void insertRecipients(
            DSLContext tx, AccountPlan plan, long contactBase, long seed, OffsetDateTime now, long first, long last) {
        tx.execute(
                """
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
                from (
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
                                   ? + 1 + ((st.start + j) % ?) as contact_id,
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
                            where m.account_id = ? and m.state = 'SENT' and m.id between ? and ?
                        ) x
                    ) o
                ) y
                """,
                now,
                now,
                now,
                now,
                now,
                now,
                now,
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
                plan.id(),
                first,
                last);
        // Clicks: the first at the recipient's clicked time, some recipients come back once or twice.
        tx.execute("""
                insert into click_event (account_id, message_id, contact_id, link_no, clicked_at, user_agent)
                select r.account_id, r.message_id, r.contact_id,
                       1 + floor(demo_random(?, r.message_id * 10000000 + r.contact_id, 30 + n)
                                 * (select count(*) from message_link l
                                    where l.account_id = r.account_id and l.message_id = r.message_id))::int,
                       r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(?, r.contact_id, 40 + n) * 600)::int)),
                       'Mozilla/5.0 (Linux; Android 14) Mobile'
                from message_recipient r
                cross join generate_series(1, 1 + floor(demo_random(?, r.message_id * 10000000 + r.contact_id, 29) * 2.2)::int) n
                where r.account_id = ? and r.message_id between ? and ? and r.clicked_at is not null
                  and r.clicked_at + make_interval(mins => (n - 1) * (5 + floor(demo_random(?, r.contact_id, 40 + n) * 600)::int))
                      <= ?::timestamptz
                """, seed, seed, seed, plan.id(), first, last, seed, now);
    }
}
