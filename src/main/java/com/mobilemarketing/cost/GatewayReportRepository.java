package com.mobilemarketing.cost;

import com.mobilemarketing.core.db.FoldExemptions;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;

/**
 * The gateways' own message reports and the reconciliation of our figures with them. A report is
 * streamed into a temporary staging table (COPY) and merged in one statement, all in one
 * transaction: a file that cannot be read, is wrongly signed or names a currency without a rate
 * stores nothing. The same file again changes nothing; a message already known from another file is
 * kept once, and the later file's row wins unless it would move a final status back to "sent". The
 * differences themselves are one SQL function ({@code reconciliation_differences}, V130) that the
 * counts, the pages and the CSV all read.
 */
@Repository
public class GatewayReportRepository {

    /** The kinds of difference, in the order the page lists them. */
    public enum Difference {
        UNKNOWN_TO_US,
        UNKNOWN_TO_GATEWAY,
        STATUS,
        PARTS_PRICE
    }

    /** An SMS gateway of the account. */
    public record Gateway(long id, String name) {}

    /** An account support staff can open. */
    public record Account(long id, String name) {}

    /**
     * What an import did: rows read in the file, rows left out (inbound, never sent), messages new to
     * the gateway's report, messages whose row the file changed; {@code alreadyImportedAt} is set (and
     * nothing changed) when the same file was imported before.
     */
    public record ImportResult(
            long read,
            long skipped,
            long added,
            long changed,
            @Nullable OffsetDateTime alreadyImportedAt) {

        public boolean duplicate() {
            return alreadyImportedAt != null;
        }

        /** Messages the file named that the report already had as they were. */
        public long unchanged() {
            return read - skipped - added - changed;
        }
    }

    /** One side's figures of a day: sent, delivered, failed, billed parts, cost in micros, messages without a price. */
    public record Totals(long sent, long delivered, long failed, long parts, long costMicros, long unpriced) {}

    /** Both sides of a gateway's day and the account's currency. */
    public record Reconciliation(Totals ours, Totals gateway, String currency) {}

    /** One difference: the message (when we know it), both sides' status, parts and cost. */
    public record DifferenceRow(
            Difference category,
            @Nullable String sid,
            @Nullable Long messageId,
            @Nullable Long contactId,
            OffsetDateTime sentAt,
            @Nullable String ourStatus,
            @Nullable String gatewayStatus,
            @Nullable Integer ourParts,
            @Nullable Integer gatewayParts,
            @Nullable Long ourMicros,
            @Nullable Long gatewayMicros,
            @Nullable String messageName,
            @Nullable String contactName,
            @Nullable String phone) {}

    /** Called when the whole file was read, before anything is merged: throws to refuse it (a bad signature). */
    @FunctionalInterface
    public interface Check {
        void verify();
    }

    /** A kind's differences with the message's name and the contact (or the number the gateway sent to). */
    private static final String DIFFERENCES = """
            select d.category, d.sid, d.message_id, d.contact_id, d.sent_at, d.our_status, d.gateway_status,
                   d.our_parts, d.gateway_parts, d.our_micros, d.gateway_micros, m.name,
                   nullif(trim(c.first_name || ' ' || c.last_name), ''), coalesce(c.phone, d.recipient)
            from reconciliation_differences(?, ?, ?::date) d
            left join message m on m.account_id = ? and m.id = d.message_id
            left join contact c on c.account_id = ? and c.id = d.contact_id
            where d.category = ?
            order by d.sid nulls last, d.message_id, d.contact_id
            """;

    private final DSLContext db;
    private final FoldExemptions foldExemptions;

    @Autowired
    public GatewayReportRepository(DSLContext db, FoldExemptions foldExemptions) {
        this.db = db;
        this.foldExemptions = foldExemptions;
    }

    /** For the demo data, which is written before any callback comes (no fold exemption). */
    public GatewayReportRepository(DSLContext db) {
        this(db, FoldExemptions.NONE);
    }

    /** The account's SMS gateways (the integrations whose reports can be reconciled). */
    public List<Gateway> gateways(long accountId) {
        return db.fetch("select id, name from sms_gateway where account_id = ? order by id", accountId).stream()
                .map(r -> new Gateway(r.get(0, Long.class), r.get(1, String.class)))
                .toList();
    }

    /** Every account, for support staff choosing one (a deliberate cross-account read: the caller says so). */
    public List<Account> accounts() {
        return db.fetch("select id, name from account order by name, id").stream()
                .map(r -> new Account(r.get(0, Long.class), r.get(1, String.class)))
                .toList();
    }

    /** The secret the gateway's requests are signed with, if the account has the gateway. */
    public Optional<String> gatewaySecret(long accountId, long gatewayId) {
        return db.fetchOptional(
                        "select webhook_secret from sms_gateway where account_id = ? and id = ?", accountId, gatewayId)
                .map(r -> r.get(0, String.class));
    }

    /** The newest local day the gateway's reports have, if any. */
    public Optional<LocalDate> lastReportedDay(long accountId, long gatewayId) {
        return Optional.ofNullable(db.fetchSingle(
                        "select max(day) from gateway_report_row where account_id = ? and gateway_id = ?",
                        accountId,
                        gatewayId)
                .get(0, LocalDate.class));
    }

    /**
     * Imports one Twilio message log export for the gateway: streamed, staged with COPY, merged in one
     * statement, in one transaction with {@code check} run after the last byte. {@code userId} is the
     * marketer who uploaded it, null for the signed endpoint. The transaction writes no delivery
     * events, so it does not hold back the fold while the file arrives ({@link FoldExemptions}).
     */
    public ImportResult importTwilio(
            long accountId,
            long gatewayId,
            @Nullable Long userId,
            String fileName,
            InputStream body,
            OffsetDateTime now,
            Check check) {
        var sha = sha256();
        try {
            return db.transactionResult(trx -> {
                var tx = trx.dsl();
                try (var exemption = foldExemptions.exempt(tx)) {
                    return importInTransaction(tx, accountId, gatewayId, userId, fileName, body, now, check, sha);
                }
            });
        } catch (org.jooq.exception.DataAccessException e) {
            // A refusal thrown while the rows were streamed comes back wrapped by the connection callback.
            if (e.getCause() instanceof InvalidReportException refused) {
                throw refused;
            }
            throw e;
        }
    }

    private ImportResult importInTransaction(
            DSLContext tx,
            long accountId,
            long gatewayId,
            @Nullable Long userId,
            String fileName,
            InputStream body,
            OffsetDateTime now,
            Check check,
            MessageDigest sha) {
        var currency = tx.fetchOptional(
                        "select a.currency from account a join sms_gateway g on g.account_id = a.id "
                                + "where a.id = ? and g.id = ?",
                        accountId,
                        gatewayId)
                .map(r -> r.get(0, String.class))
                .orElseThrow(() -> new InvalidReportException(404, "reconciliation.error.gateway"));
        tx.execute("""
                    create temporary table report_stage (
                        line bigint, sid text collate "C", sent_at timestamptz, status text, gateway_status text,
                        segments integer, price numeric, price_unit text, error_code text, recipient text
                    ) on commit drop
                    """);
        var counts = tx.connectionResult(connection -> {
            var copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy report_stage from stdin (format csv)");
            try {
                var out = new ReportCopyBuffer(copy);
                var decoder = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                var reader = new InputStreamReader(new DigestInputStream(body, sha), decoder);
                TwilioReport.Counts read;
                try {
                    read = TwilioReport.read(reader, out::write);
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                        throw InvalidReportException.badFile("reconciliation.error.encoding");
                    }
                    throw e;
                }
                out.flush();
                copy.endCopy();
                return read;
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
        check.verify();
        var unit = tx.fetchOptional("""
                    select s.price_unit from report_stage s
                    where s.price is not null and s.price_unit is not null and s.price_unit <> ?
                      and not exists (select 1 from currency_rate r where r.account_id = ? and r.currency = s.price_unit)
                    limit 1
                    """, currency, accountId);
        if (unit.isPresent()) {
            throw InvalidReportException.badFile(
                    "reconciliation.error.currency", unit.get().get(0, String.class), currency);
        }
        var digest = HexFormat.of().formatHex(sha.digest());
        var report = tx.fetchOptional(
                """
                    insert into gateway_report (account_id, gateway_id, file_sha256, file_name, imported_by, imported_at,
                                                rows_read, rows_new, rows_changed, rows_skipped)
                    values (?, ?, ?, ?, ?::bigint, ?::timestamptz, ?, 0, 0, ?)
                    on conflict (account_id, gateway_id, file_sha256) do nothing
                    returning id
                    """, accountId, gatewayId, digest, fileName, userId, now, counts.read(), counts.skipped());
        if (report.isEmpty()) {
            var before = tx.fetchSingle(
                            "select imported_at from gateway_report where account_id = ? and gateway_id = ? "
                                    + "and file_sha256 = ?",
                            accountId,
                            gatewayId,
                            digest)
                    .get(0, OffsetDateTime.class);
            return new ImportResult(counts.read(), counts.skipped(), 0, 0, before);
        }
        var reportId = report.get().get(0, Long.class);
        // One sort of the file's messages by id: in memory rather than in temporary files.
        tx.execute("set local work_mem = '256MB'");
        var merged = merge(tx, accountId, gatewayId, reportId);
        tx.execute(
                "update gateway_report set rows_new = ?, rows_changed = ? where account_id = ? and id = ?",
                merged.get(0, Long.class),
                merged.get(1, Long.class),
                accountId,
                reportId);
        return new ImportResult(
                counts.read(), counts.skipped(), merged.get(0, Long.class), merged.get(1, Long.class), null);
    }

    /** The staged rows into the gateway's report, one row per message, in one statement. */
    private static Record merge(DSLContext tx, long accountId, long gatewayId, long reportId) {
        return tx.fetchSingle("""
                with incoming as (
                    select distinct on (s.sid) s.sid, s.sent_at, s.status, s.gateway_status, s.segments,
                           case when s.price is null then null
                                when s.price_unit is null or s.price_unit = a.currency then (s.price * 1000000)::bigint
                                else round(s.price * r.rate * 1000000)::bigint end as price_micros,
                           s.error_code, s.recipient, (s.sent_at at time zone a.time_zone)::date as day
                    from report_stage s
                    join account a on a.id = ?
                    left join currency_rate r on r.account_id = a.id and r.currency = s.price_unit
                    order by s.sid, report_status_rank(s.status) desc, s.line desc
                ),
                merged as (
                    insert into gateway_report_row as t (account_id, gateway_id, sid, report_id, sent_at, day, status,
                                                         gateway_status, segments, price_micros, error_code, recipient)
                    select ?, ?, i.sid, ?, i.sent_at, i.day, i.status, i.gateway_status, i.segments, i.price_micros,
                           i.error_code, i.recipient
                    from incoming i
                    on conflict (account_id, gateway_id, sid) do update
                        set report_id = excluded.report_id, sent_at = excluded.sent_at, day = excluded.day,
                            status = excluded.status, gateway_status = excluded.gateway_status,
                            segments = excluded.segments, price_micros = coalesce(excluded.price_micros, t.price_micros),
                            error_code = excluded.error_code, recipient = excluded.recipient
                        where report_status_rank(excluded.status) >= report_status_rank(t.status)
                          and (t.sent_at, t.status, t.gateway_status, t.segments, t.price_micros, t.error_code)
                              is distinct from (excluded.sent_at, excluded.status, excluded.gateway_status,
                                                excluded.segments, coalesce(excluded.price_micros, t.price_micros),
                                                excluded.error_code)
                    returning (xmax = 0) as inserted
                )
                select count(*) filter (where inserted), count(*) filter (where not inserted) from merged
                """, accountId, accountId, gatewayId, reportId);
    }

    /** The account's currency: the report's prices are converted into it. */
    public String currency(long accountId) {
        return db.fetchSingle("select currency from account where id = ?", accountId)
                .get(0, String.class);
    }

    /** Both sides' figures of the gateway's local day. */
    public Reconciliation reconciliation(long accountId, long gatewayId, LocalDate day) {
        var currency = currency(accountId);
        // Ours first ('OURS' sorts after 'GATEWAY').
        var sides = db.fetch(
                        "select sent, delivered, failed, parts, cost_micros, unpriced "
                                + "from reconciliation_totals(?, ?, ?::date) order by side desc",
                        accountId,
                        gatewayId,
                        day)
                .into(Totals.class);
        return new Reconciliation(sides.get(0), sides.get(1), currency);
    }

    /** How many differences of each kind the day has (kinds without any are left out). */
    public java.util.Map<Difference, Long> differenceCounts(long accountId, long gatewayId, LocalDate day) {
        var counts = new java.util.EnumMap<Difference, Long>(Difference.class);
        db.fetch(
                        "select category, count(*) from reconciliation_differences(?, ?, ?::date) group by category",
                        accountId,
                        gatewayId,
                        day)
                .forEach(r -> counts.put(Difference.valueOf(r.get(0, String.class)), r.get(1, Long.class)));
        return counts;
    }

    /** One page of a kind's differences, in the order of the message id the gateway gave. */
    public List<DifferenceRow> differences(
            long accountId, long gatewayId, LocalDate day, Difference kind, int offset, int limit) {
        return db.fetch(
                        DIFFERENCES + " offset ? limit ?",
                        accountId,
                        gatewayId,
                        day,
                        accountId,
                        accountId,
                        kind.name(),
                        offset,
                        limit)
                .into(DifferenceRow.class);
    }

    /** Every difference of a kind, row by row from a cursor (the CSV download). */
    public void streamDifferences(
            long accountId, long gatewayId, LocalDate day, Difference kind, Consumer<DifferenceRow> sink) {
        db.transaction(trx -> {
            try (var cursor = trx.dsl()
                    .resultQuery(DIFFERENCES, accountId, gatewayId, day, accountId, accountId, kind.name())
                    .fetchSize(5_000)
                    .fetchLazy()) {
                cursor.forEach(r -> sink.accept(r.into(DifferenceRow.class)));
            }
        });
    }

    /** A support user's look at an account's reconciliation, in the support access log (no message). */
    public void logSupportAccess(long supportUserId, long accountId, String action, OffsetDateTime at) {
        db.execute(
                "insert into support_access_log (account_id, support_user_id, message_id, action, accessed_at) "
                        + "values (?, ?, null, ?, ?::timestamptz)",
                accountId,
                supportUserId,
                action,
                at);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
