package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.DateRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A job stopped while its rows stream (deleted by its owner, taken over by another node) stops with
 * the worker's own signal, not a database error, and leaves every connection of the pool usable:
 * the rows still on their way from the server are cancelled and read off the wire.
 */
class ExportStopTest extends AbstractDatabaseTest {

    @Autowired
    private ExportFileWriter writer;

    @Test
    void aJobStoppedMidStreamStopsCleanlyAndThePoolStaysUsable() throws IOException {
        var today = LocalDate.now(clock);
        var range = new DateRange(today.minusDays(365), today);
        var job = new ExportRepository.ClaimedJob(
                FLORA,
                0,
                1,
                0,
                "stopped.csv",
                ExportFormat.CSV,
                false,
                ExportParams.of(null, range, MessageColumn.ALL, Locale.of("pl")),
                1);
        var file = Files.createTempFile("stopped", ".csv");
        var total = new AtomicLong();
        var written = new AtomicLong();
        try {
            assertThatThrownBy(() -> Tenant.run(FLORA, () -> {
                        try {
                            writer.write(job, file, total::set, () -> {
                                if (written.incrementAndGet() > 3) {
                                    throw new CancellationException();
                                }
                            });
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }))
                    .isExactlyInstanceOf(CancellationException.class);
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(total.get()).isGreaterThan(10);
        assertThat(written.get()).isEqualTo(4);
        for (var i = 0; i < 25; i++) {
            assertThat(Tenant.call(FLORA, () -> queryLong("select count(*) from generate_series(1, 5)")))
                    .isEqualTo(5);
        }
    }
}
