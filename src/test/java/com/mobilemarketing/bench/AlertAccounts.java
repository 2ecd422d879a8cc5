package com.mobilemarketing.bench;

import com.mobilemarketing.core.db.Tenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;

/**
 * Synthetic accounts for the alert round's benchmark: an alert round reads every account's
 * integration activity of the last 30 days, so the round is measured over {@value #ACCOUNTS}
 * accounts, each with a WhatsApp integration and 40 messages spread over the 30 days before the
 * run (their counters and activity buckets written directly, as the triggers would leave them).
 * Added once to a tier, with ids far above the generator's; a later run keeps them.
 */
final class AlertAccounts {

    static final int ACCOUNTS = 1_000;
    private static final long FIRST_ID = 1_000_000L;
    private static final int MESSAGES = 40;

    private AlertAccounts() {}

    /** Adds the accounts that are missing; returns a note for the report. */
    static String ensure(DSLContext db, int accounts, Instant now) {
        return Tenant.allAccounts(() -> db.transactionResult(trx -> {
            var tx = trx.dsl();
            var at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            var added = tx.execute(
                    "insert into account (id, name, time_zone) select ? + g, 'Bench ' || g, 'Europe/Warsaw' "
                            + "from generate_series(1, ?) g on conflict do nothing",
                    FIRST_ID,
                    accounts);
            if (added > 0) {
                tx.execute(
                        "insert into channel_integration (account_id, channel, display_name, webhook_secret) "
                                + "select id, 'WHATSAPP', 'WhatsApp', 'bench-secret' from account where id > ? "
                                + "on conflict do nothing",
                        FIRST_ID);
                tx.execute(
                        "insert into message (account_id, id, name, content, channel, type, state, owner_id, "
                                + "audience_size, sent_at) "
                                + "select a.id, 900000000 + k, 'Bench ' || k, 'Bench', 'WHATSAPP', 'BULK', 'SENT', "
                                + "(select min(id) from app_user), 100, ?::timestamptz - k * interval '18 hours' "
                                + "from account a cross join generate_series(0, ?) k where a.id > ? on conflict do nothing",
                        at,
                        MESSAGES - 1,
                        FIRST_ID);
                tx.execute(
                        "insert into message_stats (account_id, message_id, recipients, sent, delivered, opened, "
                                + "clicked, failed) select account_id, id, 100, 100, 90 + id % 10, 50, 5, 2 from message "
                                + "where account_id > ? on conflict do nothing",
                        FIRST_ID);
            }
            // What the round reads: the synthetic messages' outcomes in their 5-minute buckets, as the
            // trigger leaves them (also on a tier whose synthetic accounts predate the rollup).
            tx.execute(
                    "insert into integration_activity (account_id, integration, bucket, error_code, sent, delivered, "
                            + "failed) select m.account_id, 'whatsapp', activity_bucket(m.sent_at), '', sum(s.sent), "
                            + "sum(s.delivered), sum(s.failed) from message m join message_stats s "
                            + "on s.account_id = m.account_id and s.message_id = m.id where m.account_id > ? "
                            + "group by 1, 2, 3 on conflict do nothing",
                    FIRST_ID);
            // A tier generated before the rollup existed gets it recounted once from its recipients.
            var rebuilt = tx.fetch(
                            "select rebuild_integration_activity(a.id) from account a where a.id <= ? "
                                    + "and not exists (select 1 from integration_activity i where i.account_id = a.id)",
                            FIRST_ID)
                    .size();
            // Each run's rounds claim the minutes from the tier's "now" on again.
            tx.execute("update alert_round set minute = '2000-01-01 00:00:00+00'");
            var total = tx.fetchSingle("select count(*) from account").get(0, Long.class);
            return String.format(
                            Locale.ROOT,
                            "The alert round runs over %,d accounts (%,d synthetic ones with %d WhatsApp messages each in the"
                                    + " 30 days before the run%s).",
                            total,
                            accounts,
                            MESSAGES,
                            added > 0 ? ", added now" : ", kept from an earlier run")
                    + (rebuilt > 0 ? " The alert rollup was recounted for " + rebuilt + " tier accounts." : "");
        }));
    }

    /**
     * Wall and CPU time per alert round over {@code rounds} rounds in a row at the minutes after
     * {@code start} (the claim is reset first, so they repeat the warm runs' minutes): the JVM's and
     * PostgreSQL's CPU apart, which a busy neighbour changes far less than the wall time.
     */
    static String cpuPerRound(DSLContext db, CpuClock cpu, int rounds, Instant start, LongConsumer round) {
        Tenant.runAllAccounts(() -> db.execute("update alert_round set minute = '2000-01-01 00:00:00+00'"));
        var total = cpu.seconds();
        var database = cpu.databaseSeconds();
        var began = System.nanoTime();
        for (long i = 1; i <= rounds; i++) {
            round.accept(start.plusSeconds(60 * i).toEpochMilli());
        }
        var wall = (System.nanoTime() - began) / 1e6 / rounds;
        var databaseMs = (cpu.databaseSeconds() - database) * 1000 / rounds;
        var appMs = (cpu.seconds() - total) * 1000 / rounds - databaseMs;
        return String.format(
                Locale.ROOT,
                "Alert round CPU: %d rounds in a row, %.0f ms wall per round, CPU %.0f ms per round (app %.0f ms,"
                        + " PostgreSQL %.0f ms%s).",
                rounds,
                wall,
                appMs + databaseMs,
                appMs,
                databaseMs,
                cpu.seesDatabase() ? "" : ", not seen: external database");
    }
}
