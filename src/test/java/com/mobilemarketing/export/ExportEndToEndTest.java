package com.mobilemarketing.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Through the dialog to the file: for every type and "all", in CSV and XLSX, the file lands in the
 * chosen folder with exactly the messages and values of an independent recount from raw rows.
 */
class ExportEndToEndTest extends ExportTestSupport {

    /** LAST_12_MONTHS at the test clock (2026-11-15), as Warsaw local days. */
    private static final String FROM = "2025-12-01 00:00 Europe/Warsaw";

    private static final String TO_EXCLUSIVE = "2026-11-16 00:00 Europe/Warsaw";

    private static final Map<String, String> CHANNELS = Map.of("SMS", "SMS", "WHATSAPP", "WhatsApp", "VIBER", "Viber");
    private static final Map<String, String> TYPES = Map.of(
            "BULK", "Wiadomości masowe",
            "RULE", "Wiadomości z reguł",
            "WORKFLOW", "Wiadomości z workflow",
            "BIRTHDAY", "Wiadomości urodzinowe",
            "TEST", "Wiadomości testowe");

    static Stream<Arguments> typesAndFormats() {
        var types = new ArrayList<@Nullable MessageType>(Arrays.asList(MessageType.values()));
        types.add(null);
        return types.stream()
                .flatMap(type -> Stream.of(ExportFormat.CSV, ExportFormat.XLSX).map(f -> Arguments.of(type, f)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("typesAndFormats")
    void exportsExactlyTheMessagesOfTheRangeWithTheDefaultColumns(@Nullable MessageType type, ExportFormat format)
            throws Exception {
        login("anna");
        UI.getCurrent().navigate(DashboardView.class);
        var job =
                exportThroughDialog(FLORA, type, "E2E " + type + " " + format, "LAST_12_MONTHS", format, false, false);
        assertThat(_find(Dialog.class, spec -> spec.withId("export-dialog"))).isEmpty();

        var status = awaitJob(FLORA, job);
        assertThat(status.state()).as("error: %s", status.error()).isEqualTo(ExportState.DONE);

        var rows = read(fileOfJob(FLORA, job), format);
        var header = new ArrayList<>(List.of(
                "Nazwa wiadomości",
                "Właściciel",
                "Wysłane",
                "Data wysłania",
                "Dostarczone",
                "Otwarte",
                "Niedostarczone",
                "Kanał komunikacji"));
        if (type == null) {
            header.add("Typ wiadomości");
        }
        assertThat(rows.getFirst()).containsExactlyElementsOf(header);
        var expected = expectedDefaultRows(type);
        assertThat(expected).hasSizeGreaterThan(type == MessageType.TEST ? 0 : 5);
        assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expected);
        if (type == null) {
            // SMS through a gateway without callbacks: sent, but delivered and undelivered are
            // unknown, so their cells are empty (never 0), as the screen shows "—".
            assertThat(rows.subList(1, rows.size()))
                    .anyMatch(row -> !row.get(2).equals("0")
                            && row.get(4).isEmpty()
                            && row.get(6).isEmpty());
        }

        var file = asAllAccounts(() -> db.fetchSingle(
                "select f.folder_id, f.row_count, f.private_file, f.owner_id, f.name from stored_file f where f.account_id = ? and f.export_job_id = ?",
                FLORA,
                job));
        assertThat(file.get(0, Long.class)).isEqualTo(createdFolders.getLast()[1]);
        assertThat(file.get(1, Long.class)).isEqualTo(expected.size());
        assertThat(file.get(2, Boolean.class)).isFalse();
        assertThat(file.get(3, Long.class)).isEqualTo(1L);
        assertThat(file.get(4, String.class)).endsWith("2025-12-01_2026-11-15." + format.extension());
    }

    @Test
    void notifiesTheUserWhenTheExportIsDone() throws Exception {
        login("anna");
        UI.getCurrent().navigate(DashboardView.class);
        var job = exportThroughDialog(
                FLORA, MessageType.BIRTHDAY, "E2E notify", "LAST_7_DAYS", ExportFormat.CSV, false, false);
        assertThat(awaitJob(FLORA, job).state()).isEqualTo(ExportState.DONE);
        // The worker's push reaches the UI through UI.access: run what it queued.
        var notifications = com.mobilemarketing.Poll.until(
                () -> _find(Notification.class, spec -> spec.withId("export-notification-" + job)),
                found -> !found.isEmpty(),
                MockVaadin::runUIQueue);
        assertThat(notifications).hasSize(1);
    }

    @Test
    void usesTheColumnsThePersonalizedTheTabAndTypesTheCells() throws Exception {
        // A marketer of its own, whose saved layout is the test's and no demo user's.
        var marketer = users.marketer(FLORA);
        asAllAccounts(() -> db.execute(
                "insert into grid_column_preference (account_id, user_id, grid_key, columns) values (1, ?, 'messages.BULK', "
                        + "array['name', 'clicked', 'deliveryRate', 'openRate', 'sentDate', 'state', 'no-such-column'])",
                marketer.id()));
        login(marketer.username());
        UI.getCurrent().navigate(DashboardView.class);
        var job = exportThroughDialog(
                FLORA, MessageType.BULK, "E2E personalized", "LAST_12_MONTHS", ExportFormat.XLSX, false, false);
        assertThat(awaitJob(FLORA, job).state()).isEqualTo(ExportState.DONE);
        var rows = readXlsx(fileOfJob(FLORA, job));
        assertThat(rows.getFirst())
                .containsExactly(
                        "Nazwa wiadomości",
                        "Kliknięte",
                        "Wskaźnik dostarczenia",
                        "Wskaźnik otwarć",
                        "Data wysłania",
                        "Status");
        var expected = asAllAccounts(() -> db.fetch("""
                select m.name,
                       count(r.clicked_at)::text,
                       case when m.channel = 'SMS' and not g.supports_callbacks then ''
                            when count(r.sent_at) = 0 then '' else trim_scale(round(count(r.delivered_at)::numeric / count(r.sent_at), 4))::text end,
                       case when m.channel = 'SMS' or count(r.delivered_at) = 0 then ''
                            else trim_scale(round(count(r.opened_at)::numeric / count(r.delivered_at), 4))::text end,
                       coalesce(to_char(m.sent_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI:SS'), ''),
                       m.state::text
                from message m
                left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                left join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                where m.account_id = 1 and m.type = 'BULK'
                  and coalesce(m.sent_at, m.scheduled_at) >= ?::timestamptz and coalesce(m.sent_at, m.scheduled_at) < ?::timestamptz
                group by m.account_id, m.id, g.supports_callbacks
                order by coalesce(m.sent_at, m.scheduled_at) desc, m.id desc
                """, FROM, TO_EXCLUSIVE)
                .map(r -> List.of(
                        r.get(0, String.class),
                        r.get(1, String.class),
                        rate(r.get(2, String.class)),
                        rate(r.get(3, String.class)),
                        r.get(4, String.class),
                        state(r.get(5, String.class)))));
        assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void allColumnsAreTypedInXlsx() throws Exception {
        login("piotr");
        UI.getCurrent().navigate(DashboardView.class);
        var job = exportThroughDialog(FLORA, null, "E2E all columns", "LAST_30_DAYS", ExportFormat.XLSX, false, true);
        assertThat(awaitJob(FLORA, job).state()).isEqualTo(ExportState.DONE);
        try (var in = java.nio.file.Files.newInputStream(fileOfJob(FLORA, job));
                var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getLastCellNum()).isEqualTo((short) MessageColumn.values().length);
            var sent = sheet.getRow(1).getCell(MessageColumn.SENT.ordinal());
            assertThat(sent.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
            var found = false;
            for (var row : sheet) {
                var date = row.getCell(MessageColumn.SENT_DATE.ordinal());
                var rate = row.getCell(MessageColumn.DELIVERY_RATE.ordinal());
                if (row.getRowNum() > 0 && date != null && rate != null) {
                    assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(date))
                            .isTrue();
                    assertThat(rate.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
                    assertThat(rate.getCellStyle().getDataFormatString()).contains("%");
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void xlsxHoldsEveryCellOfTheCsv() throws Exception {
        login("piotr");
        UI.getCurrent().navigate(DashboardView.class);
        var csvJob = exportThroughDialog(FLORA, null, "E2E all as CSV", "LAST_30_DAYS", ExportFormat.CSV, false, true);
        var xlsxJob =
                exportThroughDialog(FLORA, null, "E2E all as XLSX", "LAST_30_DAYS", ExportFormat.XLSX, false, true);
        assertThat(awaitJob(FLORA, csvJob).state()).isEqualTo(ExportState.DONE);
        assertThat(awaitJob(FLORA, xlsxJob).state()).isEqualTo(ExportState.DONE);
        var csv = readCsv(fileOfJob(FLORA, csvJob));
        var xlsx = readXlsx(fileOfJob(FLORA, xlsxJob));
        assertThat(csv).hasSizeGreaterThan(1);
        assertThat(xlsx).hasSameSizeAs(csv);
        assertThat(xlsx.get(0)).isEqualTo(csv.get(0));
        var columns = MessageColumn.values();
        for (int r = 1; r < csv.size(); r++) {
            assertThat(xlsx.get(r)).hasSize(columns.length);
            for (int i = 0; i < columns.length; i++) {
                assertSameCell(columns[i].kind(), xlsx.get(r).get(i), csv.get(r).get(i), java.util.Locale.of("pl"));
            }
        }
    }

    private List<List<String>> expectedDefaultRows(@Nullable MessageType type) {
        var typeName = type == null ? null : type.getLiteral();
        return asAllAccounts(() -> db.fetch("""
                select m.name, u.full_name,
                       count(r.sent_at)::text,
                       coalesce(to_char(m.sent_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI:SS'), ''),
                       case when m.channel = 'SMS' and not g.supports_callbacks then '' else count(r.delivered_at)::text end,
                       case when m.channel = 'SMS' then '' else count(r.opened_at)::text end,
                       case when m.channel = 'SMS' and not g.supports_callbacks then ''
                            else (count(*) filter (where r.failed_at is not null and r.delivered_at is null))::text end,
                       m.channel::text,
                       m.type::text
                from message m
                join app_user u on u.id = m.owner_id
                left join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                left join message_recipient r on r.account_id = m.account_id and r.message_id = m.id
                where m.account_id = 1 and (?::text is null or m.type::text = ?::text)
                  and coalesce(m.sent_at, m.scheduled_at) >= ?::timestamptz and coalesce(m.sent_at, m.scheduled_at) < ?::timestamptz
                group by m.account_id, m.id, u.full_name, g.supports_callbacks
                order by coalesce(m.sent_at, m.scheduled_at) desc, m.id desc
                """, typeName, typeName, FROM, TO_EXCLUSIVE)
                .map(r -> {
                    var row = new ArrayList<String>();
                    for (int i = 0; i < 7; i++) {
                        row.add(r.get(i, String.class));
                    }
                    row.add(CHANNELS.get(r.get(7, String.class)));
                    if (type == null) {
                        row.add(TYPES.get(r.get(8, String.class)));
                    }
                    return row;
                }));
    }

    /** XLSX reads rates back as doubles: "0.5" stays, "1" is a whole number. */
    private static String rate(String value) {
        return value.isEmpty()
                ? ""
                : value.equals("1") || value.equals("0") ? value : Double.toString(Double.parseDouble(value));
    }

    private static String state(String state) {
        return switch (state) {
            case "SCHEDULED" -> "Zaplanowana";
            case "SENDING" -> "W trakcie wysyłki";
            case "SENT" -> "Wysłana";
            default -> "Anulowana";
        };
    }
}
