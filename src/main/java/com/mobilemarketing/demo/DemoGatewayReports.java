package com.mobilemarketing.demo;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.cost.GatewayReportRepository;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

/**
 * The demo's SMS gateway reports: written from our recipients of a gateway's local day with their
 * planted differences ({@link DemoReports}), and imported for the last full day as a shop's
 * operator would upload them, so reconciliation has something to show.
 *
 * <p>Static, called with the generator's database; a repository because it holds the SQL.
 */
@Repository
public class DemoGatewayReports {

    private static final Logger log = LoggerFactory.getLogger(DemoGatewayReports.class);

    /**
     * Imports the demo's gateway report of the last full day before {@code now} for the first callback
     * gateway of every demo account (see {@link DemoReports}); the same day's report again changes nothing.
     */
    static void plant(DSLContext db, OffsetDateTime now) {
        var reports = new GatewayReportRepository(db);
        for (var gateway : Tenant.allAccounts(() -> db.fetch("""
                select distinct on (g.account_id) g.account_id, g.id, a.currency,
                       (select max((m.sent_at at time zone a.time_zone)::date) from message m
                        where m.account_id = g.account_id and m.gateway_id = g.id and m.state = 'SENT'
                          and (m.sent_at at time zone a.time_zone)::date < (?::timestamptz at time zone a.time_zone)::date)
                from sms_gateway g join account a on a.id = g.account_id
                where g.supports_callbacks
                order by g.account_id, g.id
                """, now))) {
            var accountId = gateway.get(0, Long.class);
            var gatewayId = gateway.get(1, Long.class);
            var day = gateway.get(3, LocalDate.class);
            if (day == null) {
                continue;
            }
            var file = write(db, accountId, gatewayId, day, gateway.get(2, String.class));
            var result =
                    Tenant.call(accountId, () -> DemoReports.importFile(reports, accountId, gatewayId, day, file, now));
            log.info(
                    "Demo data: gateway report of {} for account {} imported ({} rows, {} new, duplicate: {})",
                    day,
                    accountId,
                    result.read(),
                    result.added(),
                    result.duplicate());
        }
    }

    /**
     * Writes the demo's report of a gateway's local day from our recipients of that day, with its
     * planted differences, into a new temporary file (the benchmark imports the largest day this way).
     */
    static Path write(DSLContext db, long accountId, long gatewayId, LocalDate day) {
        var currency = Tenant.call(
                accountId,
                () -> db.fetchSingle("select currency from account where id = ?", accountId)
                        .get(0, String.class));
        return write(db, accountId, gatewayId, day, currency);
    }

    private static Path write(DSLContext db, long accountId, long gatewayId, LocalDate day, String currency) {
        var file = DemoReports.newFile();
        Tenant.run(
                accountId,
                () -> db.transaction(trx -> {
                    try (var rows = trx.dsl()
                            .resultQuery("""
                            select o.sid, o.sent_at, o.status, coalesce(o.parts, 1), o.cost_micros, c.phone
                            from reconciliation_ours(?, ?, ?::date) o
                            join contact c on c.account_id = ? and c.id = o.contact_id
                            where o.sid is not null
                            order by o.sid
                            """, accountId, gatewayId, day, accountId)
                            .fetchSize(5_000)
                            .fetchLazy()) {
                        DemoReports.write(
                                file,
                                accountId,
                                day,
                                currency,
                                () -> rows.stream()
                                        .map(r -> new DemoReports.Sent(
                                                r.get(0, String.class),
                                                r.get(1, OffsetDateTime.class),
                                                r.get(2, String.class),
                                                r.get(3, Integer.class),
                                                r.get(4, Long.class),
                                                r.get(5, String.class)))
                                        .iterator());
                    }
                }));
        return file;
    }
}
