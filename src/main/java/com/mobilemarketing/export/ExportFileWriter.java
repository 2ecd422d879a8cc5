package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.mobilemarketing.core.security.UserRepository;
import com.mobilemarketing.export.ExportRepository.ClaimedJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * Writes one job's file: the messages of its range in its account's time zone, in its columns,
 * format and language. What is the same for every row (columns, labels, zone) is prepared once.
 */
@Component
class ExportFileWriter {

    private final MessageExportRepository messages;
    private final UserRepository users;
    private final ExportCells cells;
    private final AttributionRepository attributions;

    ExportFileWriter(
            MessageExportRepository messages,
            UserRepository users,
            ExportCells cells,
            AttributionRepository attributions) {
        this.messages = messages;
        this.users = users;
        this.cells = cells;
        this.attributions = attributions;
    }

    /**
     * Writes the file; {@code total} hears how many rows are coming before the first, and
     * {@code beforeRow} runs before each row (it may stop the job by throwing).
     */
    void write(ClaimedJob job, Path file, LongConsumer total, Runnable beforeRow) throws IOException {
        var params = job.params();
        var zone = users.timeZone(job.accountId());
        var range = params.range();
        var from = range.startInclusive(zone);
        var to = range.endExclusive(zone);
        var rows = messages.countMessages(job.accountId(), params.messageType(), from, to);
        total.accept(rows);
        var columns = params.exportColumns();
        var kinds = columns.stream().map(MessageColumn::kind).toList();
        var locale = params.locale();
        var rowCells = cells.forJob(columns, zone, locale);
        try (var writer = ExportWriter.open(job.format(), file, locale)) {
            writer.header(cells.header(columns, locale, attributions.attribution(job.accountId())));
            writer.expectRows(rows);
            messages.streamMessages(job.accountId(), params.messageType(), from, to, row -> {
                beforeRow.run();
                try {
                    writer.row(kinds, rowCells.cells(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.finish();
        }
    }
}
