package com.mobilemarketing.demo;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The demo's accounts and people as SQL: each account with its users, gateways and channel
 * integrations; contacts with Polish names that agree, one e-mail address each, and consents given
 * per channel, a tenth of them withdrawn later.
 */
final class DemoAccounts {

    private DemoAccounts() {}

    /** The platform's support user. */
    static DemoSql supportUser(String passwordHash) {
        return DemoSql.of(
                "insert into app_user (id, account_id, username, password_hash, full_name, role, locale) "
                        + "values (1000, null, 'support', :hash, 'Zespół Wsparcia', 'SUPPORT', 'pl')",
                Map.of("hash", passwordHash));
    }

    private static final String INSERT_USER =
            "insert into app_user (id, account_id, username, password_hash, full_name, role, locale) "
                    + "values (:id, :account, :username, :hash, :fullName, 'MARKETER', 'pl')";

    private static final String INSERT_GATEWAY =
            "insert into sms_gateway (account_id, id, name, provider, supports_callbacks, webhook_secret) "
                    + "values (:account, :id, :name, :provider, :callbacks, :secret)";

    /** One statement per row: its values named by the row's components and {@code more}. */
    private static <R extends Record> List<DemoSql> rows(
            String insert, List<R> rows, Function<R, Map<String, ?>> more) {
        return rows.stream()
                .map(row -> DemoSql.of(insert, row, more.apply(row)))
                .toList();
    }

    /** The account, its marketers (each password hashed on its own), gateways and integrations. */
    static List<DemoSql> account(AccountPlan plan, Supplier<String> passwordHash) {
        var statements = new ArrayList<DemoSql>();
        statements.add(DemoSql.of(
                "insert into account (id, name, time_zone) values (:id, :name, 'Europe/Warsaw')",
                Map.of("id", plan.id(), "name", plan.name())));
        statements.addAll(
                rows(INSERT_USER, plan.users(), user -> Map.of("account", plan.id(), "hash", passwordHash.get())));
        statements.addAll(rows(
                INSERT_GATEWAY,
                plan.gateways(),
                gateway -> Map.of("account", plan.id(), "secret", "demo-secret-sms-" + gateway.id())));
        for (var channel : plan.channelShares().keySet()) {
            statements.add(DemoSql.of(
                    "insert into channel_integration (account_id, channel, display_name, webhook_secret, verify_token) "
                            + "values (:account, :channel::channel, :displayName, :secret, :verifyToken)",
                    Map.of(
                            "account",
                            plan.id(),
                            "channel",
                            channel,
                            "displayName",
                            displayName(channel),
                            "secret",
                            "demo-secret-" + channel.toLowerCase() + "-" + plan.id(),
                            "verifyToken",
                            "demo-verify-" + plan.id())));
        }
        return statements;
    }

    private static String displayName(String channel) {
        return switch (channel) {
            case "WHATSAPP" -> "WhatsApp Business";
            case "VIBER" -> "Viber Business Messages";
            default -> "SMS";
        };
    }

    /** The country calling code of every demo contact's number: the recipients are priced by it. */
    static final String COUNTRY_CODE = "+48";

    /** The account's contacts, ids {@code contactBase + 1 ...}, and their consents per channel. */
    static List<DemoSql> contacts(AccountPlan plan, long contactBase, long seed, OffsetDateTime now) {
        var values = Map.<String, Object>of(
                "account",
                plan.id(),
                "base",
                contactBase,
                "seed",
                seed,
                "now",
                now,
                "contacts",
                plan.contacts(),
                "countryCode",
                COUNTRY_CODE);
        var statements = new ArrayList<DemoSql>();
        statements.add(DemoSql.of("""
                insert into contact (account_id, id, first_name, last_name, phone, country, email, birthday, created_at)
                select :account, :base + i, f, l,
                       :countryCode || ' ' || substr(digits, 1, 3) || ' ' || substr(digits, 4, 3) || ' ' || substr(digits, 7, 3),
                       -- The country the contact_country trigger would store (switched off for the bulk load):
                       -- every number here starts with the one country code, so looked up once.
                       (select phone_country(:countryCode)),
                       -- The contact's id makes the address unique: one e-mail address per contact.
                       case when demo_random(:seed, :base + i, 4) < 0.85
                            then fold_text(f) || '.' || fold_text(l) || '.' || (:base + i) || '@example.pl' end,
                       date '1960-01-01' + floor(demo_random(:seed, :base + i, 5) * 16000)::int,
                       :now::timestamptz - make_interval(days => 400 + floor(demo_random(:seed, :base + i, 6) * 900)::int)
                from generate_series(1, :contacts) i
                cross join lateral (
                    select 1 + floor(demo_random(:seed, :base + i, 1) * 32)::int as first_no,
                           (array['Nowak','Kowalski','Wiśniewski','Wójcik','Kowalczyk','Kamiński','Lewandowski',
                                  'Zieliński','Szymański','Woźniak','Dąbrowski','Kozłowski','Jankowski','Mazur',
                                  'Kwiatkowski','Krawczyk','Piotrowski','Grabowski','Nowakowski','Pawłowski',
                                  'Michalski','Król','Wieczorek','Jabłoński','Wróbel','Nowicki','Majewski',
                                  'Olszewski','Stępień','Żółtowski','Górski','Zawadzki'])
                               [1 + floor(demo_random(:seed, :base + i, 2) * 32)::int] as surname,
                           (500000000 + floor(demo_random(:seed, :base + i, 3) * 299999999)::bigint)::text as digits
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
                """, values));
        for (var channel : plan.channelShares().keySet()) {
            var optInShare = switch (channel) {
                case "SMS" -> 0.72;
                case "WHATSAPP" -> 0.48;
                default -> 0.33;
            };
            var consent = new java.util.HashMap<String, Object>(values);
            consent.put("channel", channel);
            consent.put("k", 10 + channel.length());
            consent.put("share", optInShare);
            statements.add(DemoSql.of("""
                    insert into contact_consent (account_id, contact_id, channel, opted_in, changed_at)
                    select :account, :base + i, :channel::channel, demo_random(:seed, :base + i, :k + 1) >= 0.1,
                           :now::timestamptz - make_interval(secs => floor(demo_random(:seed, :base + i, :k + 2) * 395 * 86400))
                    from generate_series(1, :contacts) i
                    where demo_random(:seed, :base + i, :k) < :share
                    """, consent));
        }
        return statements;
    }
}
