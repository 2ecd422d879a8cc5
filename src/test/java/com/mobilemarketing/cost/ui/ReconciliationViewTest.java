package com.mobilemarketing.cost.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.TestUsers.TestUser;
import com.mobilemarketing.cost.GatewayReportRepository.Account;
import com.mobilemarketing.cost.GatewayReportRepository.Gateway;
import com.mobilemarketing.cost.ReconciliationFixture;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation page: the demo's planted differences on the last reported day, a report
 * uploaded by a marketer (and the same file again, and a file without its columns), "Who?" with its
 * CSV, and support staff reading another account without an upload, their looks logged.
 */
class ReconciliationViewTest extends KaribuTest {

    private TestUsers users;
    private ReconciliationFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.remove();
        }
        if (users != null) {
            users.removeAll();
        }
        asAllAccounts(() -> db.execute(
                "delete from support_access_log where support_user_id = 1000 and action like 'reconciliation%'"));
    }

    private TestUser signInAsMarketer() {
        users = new TestUsers(db);
        var marketer = users.marketer(FLORA);
        login(marketer.username());
        UI.getCurrent().navigate(ReconciliationView.class);
        return marketer;
    }

    private static long shown(String kind) {
        return Long.parseLong(_get(Span.class, spec -> spec.withId("reconciliation-count-" + kind))
                .getText()
                .replaceAll("\\D", ""));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoReportShowsItsPlantedDifferencesWithWhoAndCsv() {
        signInAsMarketer();
        Select<Gateway> gateway = _get(Select.class, spec -> spec.withId("reconciliation-gateway"));
        assertThat(gateway.getValue().id()).isEqualTo(1);
        var day = _get(DatePicker.class, spec -> spec.withId("reconciliation-day"))
                .getValue();
        var lastReported = asAllAccounts(() -> queryValue(
                java.time.LocalDate.class,
                "select max(day) from gateway_report_row where account_id = 1 and gateway_id = 1 "
                        + "and report_id in (select id from gateway_report where file_name like 'demo-%')"));
        assertThat(day).isEqualTo(lastReported);
        // Two messages only the gateway knows, two of ours it left out, two other outcomes, two other prices.
        assertThat(shown("UNKNOWN_TO_US")).isEqualTo(2);
        assertThat(shown("UNKNOWN_TO_GATEWAY")).isEqualTo(2);
        assertThat(shown("STATUS")).isEqualTo(2);
        assertThat(shown("PARTS_PRICE")).isEqualTo(2);

        Grid<ReconciliationView.FigureRow> figures = _get(Grid.class, spec -> spec.withId("reconciliation-figures"));
        assertThat(GridKt._size(figures)).isEqualTo(5);
        var sent = GridKt._getFormattedRow(figures, 0);
        assertThat(sent.get(0)).isEqualTo("Wysłane");
        // The gateway has two messages we don't and lacks two of ours: the same count.
        assertThat(sent.get(3)).isEqualTo("0");
        assertThat(GridKt._getFormattedRow(figures, 4).get(1)).endsWith("zł");

        _click(_get(Button.class, spec -> spec.withId("reconciliation-who-UNKNOWN_TO_US")));
        var dialog = _get(DifferencesDialog.class);
        Grid<?> list = _get(Grid.class, spec -> spec.withId("differences-grid"));
        assertThat(GridKt._size(list)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(list, 0).get(1)).isEqualTo("—");
        var out = new ByteArrayOutputStream();
        assertThat(dialog.writeCsv(out)).isEqualTo(2);
        var lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("\uFEFFRóżnice,Identyfikator bramki,");
        assertThat(lines[1]).startsWith("UNKNOWN_TO_US,SM");
    }

    @Test
    void aLongListOfDifferencesIsPagedFromTheDatabase() {
        signInAsMarketer();
        fixture = new ReconciliationFixture(db);
        var many = DifferencesDialog.IN_ONE_READ + 1;
        var lines = new java.util.ArrayList<String>();
        for (int i = 0; i < many; i++) {
            lines.add(ReconciliationFixture.line("SMonlythere" + i, "delivered", 1, "-0.07"));
        }
        UploadKt._upload(
                _get(Upload.class, spec -> spec.withId("reconciliation-upload")),
                "test-many.csv",
                "text/csv",
                ReconciliationFixture.csv(lines));
        MockVaadin.clientRoundtrip(false);
        _get(DatePicker.class, spec -> spec.withId("reconciliation-day")).setValue(ReconciliationFixture.DAY);
        assertThat(shown("UNKNOWN_TO_US")).isEqualTo(many);

        _click(_get(Button.class, spec -> spec.withId("reconciliation-who-UNKNOWN_TO_US")));
        Grid<?> list = _get(Grid.class, spec -> spec.withId("differences-grid"));
        assertThat(list.getDataProvider().isInMemory()).isFalse();
        assertThat(GridKt._size(list)).isEqualTo(many);
        // In the order of the gateway's message id: SMonlythere0, SMonlythere1, SMonlythere10, ...
        assertThat(GridKt._getFormattedRow(list, 0).get(0)).isEqualTo("SMonlythere0");
        assertThat(GridKt._getFormattedRow(list, many - 1).get(0)).isEqualTo("SMonlythere999");
    }

    @Test
    void aMarketerUploadsAReportAndTheSameFileAgainChangesNothing() {
        signInAsMarketer();
        fixture = new ReconciliationFixture(db);
        var upload = _get(Upload.class, spec -> spec.withId("reconciliation-upload"));
        UploadKt._upload(upload, "test-report.csv", "text/csv", fixture.report());
        MockVaadin.clientRoundtrip(false);
        NotificationsKt.expectNotifications(
                "Wierszy: 7; nowych 6, zmienionych 0, bez zmian 0, pominiętych 1 (przychodzące lub niewysłane).");
        // The page moved to the report's newest day... the fixture's day is older than the demo's.
        _get(DatePicker.class, spec -> spec.withId("reconciliation-day")).setValue(ReconciliationFixture.DAY);
        assertThat(shown("UNKNOWN_TO_US")).isEqualTo(1);
        assertThat(shown("UNKNOWN_TO_GATEWAY")).isEqualTo(1);
        assertThat(shown("STATUS")).isEqualTo(1);
        assertThat(shown("PARTS_PRICE")).isEqualTo(2);

        UploadKt._upload(upload, "test-report-again.csv", "text/csv", fixture.report());
        MockVaadin.clientRoundtrip(false);
        var importedAt = asAllAccounts(() -> queryValue(
                java.time.OffsetDateTime.class,
                "select imported_at from gateway_report where account_id = 1 and file_name = 'test-report.csv'"));
        NotificationsKt.expectNotifications("Ten plik wczytano już "
                + com.mobilemarketing.core.ui.Formats.dateTime(
                        importedAt, java.time.ZoneId.of("Europe/Warsaw"), java.util.Locale.of("pl"))
                + ": nic się nie zmieniło.");

        UploadKt._upload(
                upload, "test-bad.csv", "text/csv", "Sid,Status\r\nSM1,sent\r\n".getBytes(StandardCharsets.UTF_8));
        MockVaadin.clientRoundtrip(false);
        NotificationsKt.expectNotifications(
                "Raportu bramki nie wczytano: brak kolumn: SentDate/DateSent, NumSegments, Price");
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from gateway_report where account_id = 1 and file_name like 'test-%'")))
                .isOne();
    }

    @Test
    @SuppressWarnings("unchecked")
    void supportStaffReadAnyAccountWithoutUploadAndTheirLooksAreLogged() {
        login("support");
        UI.getCurrent().navigate(ReconciliationView.class);
        assertThat(_find(Upload.class)).isEmpty();
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("reconciliation-read-only"))
                        .isVisible())
                .isTrue();
        Select<Account> account = _get(Select.class, spec -> spec.withId("reconciliation-account"));
        var sport = account.getListDataView()
                .getItems()
                .filter(a -> a.id() == SPORT)
                .findFirst()
                .orElseThrow();
        account.setValue(sport);
        assertThat(shown("UNKNOWN_TO_US")).isEqualTo(2);
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from support_access_log where support_user_id = 1000 and account_id = ? "
                                + "and action = 'reconciliation' and message_id is null",
                        SPORT)))
                .isPositive();
        _click(_get(Button.class, spec -> spec.withId("reconciliation-who-STATUS")));
        _get(DifferencesDialog.class).writeCsv(new ByteArrayOutputStream());
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from support_access_log where support_user_id = 1000 and account_id = ? "
                                + "and action = 'reconciliation-csv'",
                        SPORT)))
                .isOne();
    }
}
