package com.mobilemarketing.cost;

import static com.mobilemarketing.cost.ReconciliationFixture.DAY;
import static com.mobilemarketing.cost.ReconciliationFixture.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.cost.GatewayReportRepository.Difference;
import com.mobilemarketing.cost.GatewayReportRepository.DifferenceRow;
import com.mobilemarketing.cost.GatewayReportRepository.ImportResult;
import com.mobilemarketing.cost.GatewayReportRepository.Totals;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Importing a gateway report and reconciling a day against it: every kind of difference of the
 * hand-built fixture, both sides' figures, the same file twice, a message named by two files, and
 * refused files that store nothing.
 */
class GatewayReportRepositoryTest extends AbstractDatabaseTest {

    @Autowired
    private GatewayReportRepository reports;

    private ReconciliationFixture fixture;

    @BeforeEach
    void buildTheDay() {
        fixture = new ReconciliationFixture(db);
    }

    @AfterEach
    void removeTheDay() {
        fixture.remove();
    }

    private ImportResult importFile(String name, byte[] file) {
        return Tenant.call(
                FLORA,
                () -> reports.importTwilio(
                        FLORA,
                        GATEWAY,
                        null,
                        name,
                        new ByteArrayInputStream(file),
                        OffsetDateTime.now(clock),
                        () -> {}));
    }

    private long reportRows() {
        return asAllAccounts(() -> queryLong(
                "select count(*) from gateway_report_row where account_id = ? and gateway_id = ? and day = ?",
                FLORA,
                GATEWAY,
                DAY));
    }

    @Test
    void everyKindOfDifferenceAndBothSidesFigures() {
        var result = importFile("test-report.csv", fixture.report());
        assertThat(result).isEqualTo(new ImportResult(7, 1, 6, 0, null));

        var day = Tenant.call(FLORA, () -> reports.reconciliation(FLORA, GATEWAY, DAY));
        assertThat(day.currency()).isEqualTo("PLN");
        // Ours: six sent, four delivered, one failed, six parts, 6 × 0,07 zł.
        assertThat(day.ours()).isEqualTo(new Totals(6, 4, 1, 6, 420_000, 0));
        // The gateway's: five of ours and one unknown; 0,07 + 0,07 + 0,14 + 0,08 + 0,07 + 0,07.
        assertThat(day.gateway()).isEqualTo(new Totals(6, 3, 2, 7, 500_000, 0));

        var counts = Tenant.call(FLORA, () -> reports.differenceCounts(FLORA, GATEWAY, DAY));
        assertThat(counts)
                .isEqualTo(Map.of(
                        Difference.UNKNOWN_TO_US, 1L,
                        Difference.UNKNOWN_TO_GATEWAY, 1L,
                        Difference.STATUS, 1L,
                        Difference.PARTS_PRICE, 2L));
        assertThat(list(Difference.UNKNOWN_TO_US)).singleElement().satisfies(row -> {
            assertThat(row.sid()).isEqualTo("SMunknown" + fixture.message.id());
            assertThat(row.messageId()).isNull();
            assertThat(row.gatewayStatus()).isEqualTo("DELIVERED");
            assertThat(row.phone()).isEqualTo("+48600000000");
        });
        assertThat(list(Difference.UNKNOWN_TO_GATEWAY)).singleElement().satisfies(row -> {
            assertThat(row.sid()).isEqualTo(fixture.sid(4));
            assertThat(row.messageName()).isEqualTo("Test message " + fixture.message.id());
            assertThat(row.ourStatus()).isEqualTo("DELIVERED");
            assertThat(row.gatewayStatus()).isNull();
        });
        // Recipient 1: delivered here, undelivered there (recipient 5 has no outcome on either side).
        assertThat(list(Difference.STATUS))
                .extracting(DifferenceRow::sid, DifferenceRow::ourStatus, DifferenceRow::gatewayStatus)
                .containsExactly(tuple(fixture.sid(1), "DELIVERED", "FAILED"));
        // Recipient 2: two parts and 0,14 zł there; recipient 3: 0,08 zł there.
        assertThat(list(Difference.PARTS_PRICE))
                .extracting(
                        DifferenceRow::sid,
                        DifferenceRow::ourParts,
                        DifferenceRow::gatewayParts,
                        DifferenceRow::ourMicros,
                        DifferenceRow::gatewayMicros)
                .containsExactlyInAnyOrder(
                        tuple(fixture.sid(2), 1, 2, 70_000L, 140_000L), tuple(fixture.sid(3), 1, 1, 70_000L, 80_000L));
    }

    @Test
    void theSameFileTwiceChangesNothingAndSaysSo() {
        var first = importFile("test-report.csv", fixture.report());
        var before = asAllAccounts(() -> db.fetch(
                "select sid, report_id, status, segments, price_micros from gateway_report_row "
                        + "where account_id = ? and day = ? order by sid",
                FLORA,
                DAY));
        var again = importFile("test-report-again.csv", fixture.report());
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.alreadyImportedAt()).isNotNull();
        assertThat(again.added()).isZero();
        assertThat(again.changed()).isZero();
        assertThat(asAllAccounts(() -> db.fetch(
                        "select sid, report_id, status, segments, price_micros from gateway_report_row "
                                + "where account_id = ? and day = ? order by sid",
                        FLORA,
                        DAY)))
                .isEqualTo(before);
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from gateway_report where account_id = ? and file_name like 'test-report%'",
                        FLORA)))
                .isOne();
    }

    @Test
    void aMessageInTwoFilesCountsOnceAndANewerOutcomeWins() {
        importFile("test-report.csv", fixture.report());
        // A later export: recipient 1 delivered after all, recipient 5 now delivered, recipient 2 back to
        // "sent" (an older state: ignored), recipient 0 as before.
        var later = importFile(
                "test-later.csv",
                ReconciliationFixture.csv(List.of(
                        ReconciliationFixture.line(fixture.sid(0), "delivered", 1, "-0.07"),
                        ReconciliationFixture.line(fixture.sid(1), "delivered", 1, "-0.07"),
                        ReconciliationFixture.line(fixture.sid(5), "delivered", 1, "-0.07"),
                        ReconciliationFixture.line(fixture.sid(2), "sent", 1, "-0.07"))));
        assertThat(later).isEqualTo(new ImportResult(4, 0, 0, 2, null));
        assertThat(later.unchanged()).isEqualTo(2);
        assertThat(reportRows()).isEqualTo(6);
        var statuses = asAllAccounts(() -> queryStrings(
                "select sid || '=' || status from gateway_report_row where account_id = ? and day = ? order by sid",
                FLORA,
                DAY));
        assertThat(statuses)
                .contains(fixture.sid(1) + "=DELIVERED", fixture.sid(2) + "=FAILED", fixture.sid(5) + "=DELIVERED");
        // Recipient 1 now agrees; recipient 5 is delivered there while we still have no outcome.
        assertThat(list(Difference.STATUS))
                .extracting(DifferenceRow::sid, DifferenceRow::ourStatus, DifferenceRow::gatewayStatus)
                .containsExactly(tuple(fixture.sid(5), "SENT", "DELIVERED"));
        assertThat(Tenant.call(FLORA, () -> reports.reconciliation(FLORA, GATEWAY, DAY))
                        .gateway()
                        .sent())
                .isEqualTo(6);
    }

    @Test
    void aMessageTheGatewayLoggedOnTheNextDayIsMatchedAcrossMidnight() {
        // Only recipient 4, logged by the gateway the next day, and undelivered there.
        var next = DAY.plusDays(1);
        importFile(
                "test-next-day.csv",
                ReconciliationFixture.csv(List.of(ReconciliationFixture.line(fixture.sid(4), "undelivered", 1, "-0.07")
                        .replace("2019-03-10T", "2019-03-11T"))));

        // Our send day: the gateway has no row of it, yet knows recipient 4 (from the next day's rows).
        assertThat(Tenant.call(FLORA, () -> reports.differenceCounts(FLORA, GATEWAY, DAY)))
                .isEqualTo(Map.of(Difference.UNKNOWN_TO_GATEWAY, 5L));
        assertThat(list(Difference.UNKNOWN_TO_GATEWAY))
                .extracting(DifferenceRow::sid)
                .containsExactlyInAnyOrder(
                        fixture.sid(0), fixture.sid(1), fixture.sid(2), fixture.sid(3), fixture.sid(5));
        // The gateway's day: its row is our recipient of the day before, whose outcome differs.
        assertThat(Tenant.call(FLORA, () -> reports.differenceCounts(FLORA, GATEWAY, next)))
                .isEqualTo(Map.of(Difference.STATUS, 1L));
        assertThat(Tenant.call(FLORA, () -> reports.differences(FLORA, GATEWAY, next, Difference.STATUS, 0, 50)))
                .extracting(
                        DifferenceRow::sid,
                        DifferenceRow::messageId,
                        DifferenceRow::ourStatus,
                        DifferenceRow::gatewayStatus)
                .containsExactly(tuple(fixture.sid(4), fixture.message.id(), "DELIVERED", "FAILED"));
    }

    @Test
    void aBadRowAnywhereOrAnUnknownCurrencyStoresNothing() {
        var lines = new java.util.ArrayList<String>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(ReconciliationFixture.line("SMbulk" + i, "delivered", 1, "-0.07"));
        }
        lines.add(ReconciliationFixture.line("SMbad", "delivered", 1, "seven"));
        var refused = catchThrowableOfType(
                InvalidReportException.class, () -> importFile("test-bad.csv", ReconciliationFixture.csv(lines)));
        assertThat(refused.key()).isEqualTo("reconciliation.error.value");
        assertThat(refused.arguments()).containsExactly(20_002L, "Price", "seven");

        var dollars = catchThrowableOfType(
                InvalidReportException.class,
                () -> importFile(
                        "test-usd.csv",
                        ReconciliationFixture.csv(
                                List.of(ReconciliationFixture.line(fixture.sid(0), "delivered", 1, "-0.0075")
                                        .replace(",PLN", ",USD")))));
        assertThat(dollars.key()).isEqualTo("reconciliation.error.currency");
        assertThat(dollars.arguments()).containsExactly("USD", "PLN");

        var signature = catchThrowableOfType(
                InvalidReportException.class,
                () -> Tenant.call(
                        FLORA,
                        () -> reports.importTwilio(
                                FLORA,
                                GATEWAY,
                                null,
                                "test-unsigned.csv",
                                new ByteArrayInputStream(fixture.report()),
                                OffsetDateTime.now(clock),
                                () -> {
                                    throw new InvalidReportException(403, "reconciliation.error.signature");
                                })));
        assertThat(signature.status()).isEqualTo(403);

        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from gateway_report_row where account_id = ? and (sid like 'SMbulk%' or day = ?)",
                        FLORA, DAY)))
                .isZero();
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from gateway_report where account_id = ? and file_name like 'test-%'", FLORA)))
                .isZero();
    }

    private List<DifferenceRow> list(Difference kind) {
        return Tenant.call(FLORA, () -> reports.differences(FLORA, GATEWAY, DAY, kind, 0, 50));
    }
}
