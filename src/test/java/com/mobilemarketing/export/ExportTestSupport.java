package com.mobilemarketing.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.csv.CsvCells;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.db.enums.ExportState;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.export.ExportRepository.JobStatus;
import com.mobilemarketing.export.ui.ExportDialogs;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Shared steps of the export tests: filling in the dialog as a user would, waiting for the worker,
 * reading files back (CSV by a small independent parser, XLSX with POI), and removing every
 * folder, job and file a test made.
 */
abstract class ExportTestSupport extends KaribuTest {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Autowired
    protected ExportDialogs exportDialogs;

    @Autowired
    protected ExportRepository repository;

    @Autowired
    protected FolderRepository folderRepository;

    @Autowired
    protected StoredFileRepository fileRepository;

    @Autowired
    protected ExportStorage storage;

    @Autowired
    protected ExportWorker worker;

    @Autowired
    protected ExportService service;

    /** Folders made by the test (account, id); removed with their files after it. */
    protected final List<long[]> createdFolders = new ArrayList<>();

    /** Marketers made by the test; removed after its exports. */
    protected TestUsers users;

    @BeforeEach
    void ownUsers() {
        users = new TestUsers(db);
    }

    @AfterEach
    void removeExports() {
        asAllAccounts(() -> {
            for (var folder : createdFolders) {
                var keys = queryStrings(
                        "select storage_key from stored_file where account_id = ? and folder_id = ?",
                        folder[0],
                        folder[1]);
                keys.forEach(storage::delete);
                db.execute("delete from stored_file where account_id = ? and folder_id = ?", folder[0], folder[1]);
                db.execute("delete from export_job where account_id = ? and folder_id = ?", folder[0], folder[1]);
                db.execute("delete from folder where account_id = ? and id = ?", folder[0], folder[1]);
            }
            return null;
        });
        createdFolders.clear();
        users.removeAll();
    }

    /** Makes a folder through the dialog's "new folder" field and remembers it for clean-up. */
    protected long newFolderInDialog(String name) {
        _click(_get(Button.class, spec -> spec.withId("export-new-folder")));
        HasValueUtilsKt._setValue(_get(TextField.class, spec -> spec.withId("export-new-folder-name")), name);
        _click(_get(Button.class, spec -> spec.withId("export-new-folder-create")));
        @SuppressWarnings("unchecked")
        ComboBox<FolderRepository.Folder> folder = _get(ComboBox.class, spec -> spec.withId("export-folder"));
        assertThat(folder.getValue()).isNotNull();
        assertThat(folder.getValue().name()).isEqualTo(name);
        var account = queryLong(
                "select account_id from folder where id = ?", folder.getValue().id());
        createdFolders.add(new long[] {account, folder.getValue().id()});
        return folder.getValue().id();
    }

    protected long folder(long accountId, long userId, String name) {
        var id = Tenant.call(
                accountId,
                () -> folderRepository.createFolder(accountId, userId, name, java.time.OffsetDateTime.now(clock)));
        createdFolders.add(new long[] {accountId, id});
        return id;
    }

    /** Opens the dialog as the message list's button would and fills it in; returns the new job's id. */
    @SuppressWarnings("unchecked")
    protected long exportThroughDialog(
            long accountId,
            @Nullable MessageType type,
            String folderName,
            String range,
            ExportFormat format,
            boolean privateFile,
            boolean allColumns) {
        // The message list's button: the dialog gets the list's columns.
        _click(_get(Button.class, spec -> spec.withId("export-button")));
        newFolderInDialog(folderName);
        HasValueUtilsKt._setValue((Select<MessageType>) _get(Select.class, spec -> spec.withId("export-type")), type);
        HasValueUtilsKt._setValue((Select<String>) _get(Select.class, spec -> spec.withId("export-range")), range);
        HasValueUtilsKt._setValue(_get(Checkbox.class, spec -> spec.withId("export-private")), privateFile);
        HasValueUtilsKt._setValue(
                (RadioButtonGroup<ExportFormat>) _get(RadioButtonGroup.class, spec -> spec.withId("export-format")),
                format);
        HasValueUtilsKt._setValue(
                (RadioButtonGroup<String>) _get(RadioButtonGroup.class, spec -> spec.withId("export-columns")),
                allColumns ? "ALL" : "PERSONALIZED");
        var before = latestJob(accountId);
        _click(_get(Button.class, spec -> spec.withId("export-confirm")));
        var job = latestJob(accountId);
        assertThat(job).isGreaterThan(before);
        return job;
    }

    protected long latestJob(long accountId) {
        return asAllAccounts(
                () -> queryLong("select coalesce(max(id), 0) from export_job where account_id = ?", accountId));
    }

    /** Polls the job until it is DONE or FAILED (the worker runs in the background). */
    protected JobStatus awaitJob(long accountId, long jobId) {
        return awaitJob(accountId, jobId, java.time.Duration.ofSeconds(60));
    }

    protected JobStatus awaitJob(long accountId, long jobId, java.time.Duration timeout) {
        return awaitJob(accountId, jobId, timeout, com.mobilemarketing.Poll.PAUSE);
    }

    /** Waits for the job, reading its state every {@code pause}. */
    protected JobStatus awaitJob(long accountId, long jobId, java.time.Duration timeout, java.time.Duration pause) {
        var status = com.mobilemarketing.Poll.until(
                timeout,
                pause,
                () -> Tenant.call(accountId, () -> repository.jobStatus(accountId, jobId))
                        .orElseThrow(),
                s -> s.state() == ExportState.DONE || s.state() == ExportState.FAILED,
                () -> {});
        if (status.state() != ExportState.DONE && status.state() != ExportState.FAILED) {
            return fail("Export job " + jobId + " did not finish in time");
        }
        return status;
    }

    protected Path fileOfJob(long accountId, long jobId) {
        var key = asAllAccounts(() -> queryValue(
                String.class,
                "select storage_key from stored_file where account_id = ? and export_job_id = ?",
                accountId,
                jobId));
        return storage.resolve(key);
    }

    // ------------------------------------------------------------------ reading files back

    /** Every row of a CSV file (header first) as strings; checks the UTF-8 byte-order mark. */
    /** A CSV export of the Polish UI: ";" between cells, as Polish Excel reads it. */
    static List<List<String>> readCsv(Path file) throws IOException {
        return readCsv(file, ';');
    }

    static List<List<String>> readCsv(Path file, char separator) throws IOException {
        var bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        var text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var cell = new StringBuilder();
        var quoted = false;
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell).isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }

    /** Every row of the first sheet as strings: counts as whole numbers, dates as yyyy-MM-dd HH:mm:ss. */
    static List<List<String>> readXlsx(Path file) throws IOException {
        var rows = new ArrayList<List<String>>();
        try (InputStream in = Files.newInputStream(file);
                var workbook = new XSSFWorkbook(in)) {
            var sheet = workbook.getSheetAt(0);
            var width = sheet.getRow(0).getLastCellNum();
            for (var row : sheet) {
                var cells = new ArrayList<String>();
                for (int i = 0; i < width; i++) {
                    var cell = row.getCell(i);
                    if (cell == null || cell.getCellType() == CellType.BLANK) {
                        cells.add("");
                    } else if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                        cells.add(TIME.format(cell.getLocalDateTimeCellValue()));
                    } else if (cell.getCellType() == CellType.NUMERIC) {
                        var value = cell.getNumericCellValue();
                        cells.add(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
                    } else {
                        cells.add(cell.getStringCellValue());
                    }
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /**
     * One cell of an XLSX file ({@link #readXlsx}) against the same cell of the CSV file of the same
     * rows ({@link #readCsv}): the same text (the CSV's made inert where a spreadsheet would run it),
     * count and time, the rate the CSV's percentage shows, the same amount.
     */
    static void assertSameCell(MessageColumn.Kind kind, String xlsx, String csv, Locale locale) {
        if (csv.isEmpty() || xlsx.isEmpty()) {
            assertThat(xlsx).as("%s cell", kind).isEqualTo(csv);
            return;
        }
        switch (kind) {
            case TEXT -> assertThat(csv).isEqualTo(CsvCells.neutralise(xlsx));
            case COUNT, TIME -> assertThat(xlsx).as("%s cell", kind).isEqualTo(csv);
            case RATE ->
                assertThat(MetricFormat.percentFormat(locale).format(Double.parseDouble(xlsx)))
                        .as("rate cell %s", xlsx)
                        .isEqualTo(csv);
            case MONEY ->
                assertThat(new BigDecimal(xlsx))
                        .as("money cell %s", csv)
                        .isEqualByComparingTo(new BigDecimal(csv.replace(',', '.')));
        }
    }

    static List<List<String>> read(Path file, ExportFormat format) throws IOException {
        return format == ExportFormat.CSV ? readCsv(file) : readXlsx(file);
    }

    static String time(@Nullable LocalDateTime time) {
        return time == null ? "" : TIME.format(time);
    }
}
