package com.mobilemarketing.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.ingest.bench.IngestLoadBenchmark.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's command line: its own options, defaults, and options passed on to the app. */
class IngestLoadBenchmarkOptionsTest {

    @Test
    void defaultsAndOwnOptions() {
        assertThat(Options.parse(new String[0])).isEqualTo(new Options(60, 5000, 16, 0, false, true, 0, 50, List.of()));
        assertThat(Options.parse(new String[] {
                    "--seconds=15",
                    "--rate=20000",
                    "--threads=8",
                    "--kill-at=5",
                    "--profile",
                    "--durable=false",
                    "--app.ingest.writer-threads=4"
                }))
                .isEqualTo(new Options(15, 20000, 8, 5, true, false, 0, 50, List.of("--app.ingest.writer-threads=4")));
    }

    @Test
    void refusesUnknownOptionsAndAKillAfterTheEnd() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--sekonds=5"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse(new String[] {"60"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse(new String[] {"--seconds=10", "--kill-at=10"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
