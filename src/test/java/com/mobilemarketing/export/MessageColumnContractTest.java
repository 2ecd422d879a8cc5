package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.messages.MessageRepository;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The message list and the export share one list of columns ({@link MessageColumn}); this test
 * fails when a column is usable on one side only: without a header in either language on the list
 * or in the file, without a cell in the export, or lost on the way through a queued job.
 */
class MessageColumnContractTest {

    @Test
    void everyColumnHasAListHeaderAndAFileHeaderInBothLanguages() {
        for (var language : List.of("pl", "en")) {
            var bundle = TranslationProvider.load(language);
            for (var column : MessageColumn.ALL) {
                assertThat(bundle).as("%s %s", language, column).containsKey(column.labelKey());
                assertThat(bundle).as("%s %s", language, column).containsKey(column.exportLabelKey());
            }
        }
    }

    @Test
    void theExportWritesACellForEveryColumn() {
        var cells = new ExportCells(new TranslationProvider());
        var row = new MessageRow(
                1,
                "Wiosna",
                MessageType.BULK,
                MessageState.SENT,
                Channel.WHATSAPP,
                null,
                null,
                1,
                "Anna",
                null,
                OffsetDateTime.parse("2026-11-02T10:15:00+01:00"),
                10,
                8,
                4,
                1,
                2,
                3,
                45_990,
                1,
                1_920_000,
                0,
                "PLN",
                2);
        var written = cells.cells(row, MessageColumn.ALL, ZoneId.of("Europe/Warsaw"), Locale.of("pl"));
        assertThat(written).hasSize(MessageColumn.ALL.size());
        for (int i = 0; i < written.size(); i++) {
            var column = MessageColumn.ALL.get(i);
            var expectedEmpty = column == MessageColumn.GATEWAY || column == MessageColumn.SCHEDULED_DATE;
            assertThat(written.get(i) == null).as("%s", column).isEqualTo(expectedEmpty);
        }
        assertThat(cells.header(
                        MessageColumn.ALL, Locale.of("pl"), com.mobilemarketing.core.metrics.Attribution.DEFAULT))
                .noneMatch(h -> h.contains("!"));
    }

    @Test
    void aQueuedJobKeepsItsColumnsAndRefusesUnknownOnes() {
        var params = ExportParams.of(
                null,
                new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)),
                MessageColumn.ALL,
                Locale.of("pl"));
        assertThat(ExportParams.fromJson(params.toJson()).exportColumns()).isEqualTo(MessageColumn.ALL);
        var unknown = new ExportParams(null, "2026-11-01", "2026-11-02", List.of("name", "no-such-column"), "pl");
        assertThatThrownBy(unknown::exportColumns).hasMessageContaining("no-such-column");
    }

    @Test
    void everyColumnButTheTypeSortsTheList() {
        // The list is one tab per type, so sorting by type would do nothing.
        for (var column : MessageColumn.ALL) {
            assertThat(MessageRepository.isSortable(column.key()))
                    .as("%s", column)
                    .isEqualTo(column != MessageColumn.TYPE);
        }
    }

    @Test
    void defaultsAndOptionalColumnsPartitionTheColumns() {
        assertThat(MessageColumn.keys(MessageColumn.ALL)).hasSize(29).doesNotHaveDuplicates();
        assertThat(Set.copyOf(MessageColumn.DEFAULTS)).doesNotContainAnyElementsOf(MessageColumn.OPTIONAL);
        assertThat(MessageColumn.DEFAULTS.size() + MessageColumn.OPTIONAL.size())
                .isEqualTo(29);
        assertThat(MessageColumn.sanitize(List.of("name", "bogus", "sent", "name")))
                .containsExactly(MessageColumn.NAME, MessageColumn.SENT);
    }
}
