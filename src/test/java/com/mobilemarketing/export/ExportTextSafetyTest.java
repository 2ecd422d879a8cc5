package com.mobilemarketing.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.select.Select;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message names that a spreadsheet would run as formulas stay inert text, and Polish letters,
 * quotes, commas and line breaks survive the round trip, in CSV and XLSX. The messages are the
 * test's own, on a day with no other messages (a custom range picks exactly them). Messages named
 * after links of other schemes than http(s) (viber:, sms:, javascript:, ...) export as plain text, never as
 * hyperlinks.
 */
class ExportTextSafetyTest extends ExportTestSupport {

    private static final List<String> NAMES = List.of(
            "=HYPERLINK(\"http://zly.example\",\"Kliknij\")",
            "+48 600 700 800",
            "-2+3",
            "@SUM(A1:A9)",
            "Zażółć gęślą jaźń, \"cytat\"\ndruga linia",
            "ŻÓŁTA RÓŻA ąćęłńóśźż",
            // messages named after (and linking to) links of schemes other than http(s)
            "viber://pa?chatURI=flora",
            "whatsapp://send?text=Promo",
            "sms:+48600100200?body=STOP",
            "tel:+48600100200",
            "javascript:alert(document.cookie)");

    @BeforeEach
    void messagesWithTrickyNames() {
        asAllAccounts(() -> {
            for (int i = 0; i < NAMES.size(); i++) {
                long id = db.fetchSingle(
                                "insert into message (account_id, name, content, channel, type, state, owner_id, sent_at) "
                                        + "values (1, ?, ?, 'WHATSAPP', 'TEST', 'SENT', 1, ?::timestamptz) returning id",
                                NAMES.get(i),
                                "x " + NAMES.get(i),
                                "2020-01-15 12:00:%02d+01".formatted(i))
                        .get(0, Long.class);
                db.execute(
                        "insert into message_link (account_id, message_id, link_no, url) values (1, ?, 1, ?)",
                        id,
                        NAMES.get(i));
            }
            return null;
        });
    }

    @AfterEach
    void removeMessages() {
        asAllAccounts(
                () -> db.execute("delete from message where account_id = 1 and sent_at::date = date '2020-01-15'"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void csvNeutralisesFormulasAndKeepsPolishLetters() throws Exception {
        var anna = login("anna").user();
        UI.getCurrent().navigate(DashboardView.class);
        exportDialogs.open(anna, MessageType.TEST, type -> MessageColumn.DEFAULTS);
        newFolderInDialog("Teksty Żółw");
        HasValueUtilsKt._setValue((Select<String>) _get(Select.class, spec -> spec.withId("export-range")), "CUSTOM");
        HasValueUtilsKt._setValue(
                _get(DatePicker.class, spec -> spec.withId("export-from")), LocalDate.of(2020, 1, 15));
        HasValueUtilsKt._setValue(_get(DatePicker.class, spec -> spec.withId("export-to")), LocalDate.of(2020, 1, 15));
        var before = latestJob(FLORA);
        com.github.mvysny.kaributesting.v10.LocatorJ._click(
                _get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("export-confirm")));
        var job = latestJob(FLORA);
        assertThat(job).isGreaterThan(before);
        assertThat(awaitJob(FLORA, job).state()).isEqualTo(ExportState.DONE);

        var rows = readCsv(fileOfJob(FLORA, job));
        assertThat(rows).hasSize(1 + NAMES.size());
        // Newest first, like the message list.
        var names = rows.subList(1, rows.size()).stream().map(List::getFirst).toList();
        assertThat(names)
                .containsExactly(
                        "javascript:alert(document.cookie)",
                        "tel:+48600100200",
                        "sms:+48600100200?body=STOP",
                        "whatsapp://send?text=Promo",
                        "viber://pa?chatURI=flora",
                        "ŻÓŁTA RÓŻA ąćęłńóśźż",
                        "Zażółć gęślą jaźń, \"cytat\"\ndruga linia",
                        "'@SUM(A1:A9)",
                        "'-2+3",
                        "'+48 600 700 800",
                        "'=HYPERLINK(\"http://zly.example\",\"Kliknij\")");
        var raw = Files.readString(fileOfJob(FLORA, job));
        assertThat(raw).contains("\"Zażółć gęślą jaźń, \"\"cytat\"\"\ndruga linia\"");
    }

    @Test
    void xlsxKeepsNamesAsPlainTextCells() throws Exception {
        var folder = folder(FLORA, 1, "Teksty XLSX");
        var anna = new AppUser(1, FLORA, "anna", "Anna Kowalska", AppUser.Role.MARKETER, "pl", AppUser.PLATFORM_ZONE);
        var job = Tenant.call(
                FLORA,
                () -> service.startExport(
                        anna,
                        new ExportService.ExportRequest(
                                folder,
                                MessageType.TEST,
                                new DateRange(LocalDate.of(2020, 1, 15), LocalDate.of(2020, 1, 15)),
                                false,
                                ExportFormat.XLSX,
                                MessageColumn.DEFAULTS,
                                Locale.of("pl")),
                        "teksty.xlsx"));
        assertThat(awaitJob(FLORA, job).state()).isEqualTo(ExportState.DONE);
        try (var in = Files.newInputStream(fileOfJob(FLORA, job));
                var workbook = new XSSFWorkbook(in)) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(NAMES.size());
            for (int i = 1; i <= NAMES.size(); i++) {
                var cell = sheet.getRow(i).getCell(0);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getHyperlink()).isNull();
                assertThat(cell.getStringCellValue()).isEqualTo(NAMES.get(NAMES.size() - i));
            }
            // WhatsApp has opens: an empty count would be wrong, 0 is right for a message without recipients.
            assertThat(sheet.getRow(1).getCell(5).getNumericCellValue()).isZero();
        }
    }
}
