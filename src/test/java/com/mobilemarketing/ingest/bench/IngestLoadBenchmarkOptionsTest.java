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
        var defaults = Options.parse(new String[0]);
        assertThat(defaults)
                .isEqualTo(new Options(
                        60,
                        List.of(5000),
                        16,
                        0,
                        false,
                        true,
                        "",
                        false,
                        0,
                        0,
                        0,
                        50,
                        0,
                        true,
                        0,
                        true,
                        "",
                        false,
                        false,
                        false,
                        List.of()));
        var custom = Options.parse(new String[] {
            "--seconds=15",
            "--rate=20000",
            "--threads=8",
            "--kill-at=5",
            "--profile",
            "--durable=false",
            "--listener",
            "--app.ingest.writer-threads=4"
        });
        assertThat(custom)
                .extracting(
                        Options::seconds,
                        Options::rates,
                        Options::threads,
                        Options::killAt,
                        Options::profile,
                        Options::durable,
                        Options::listener,
                        Options::appArguments)
                .containsExactly(15, List.of(20000), 8, 5, true, false, true, List.of("--app.ingest.writer-threads=4"));
        assertThat(custom)
                .usingRecursiveComparison()
                .ignoringFields(
                        "seconds", "rates", "threads", "killAt", "profile", "durable", "listener", "appArguments")
                .isEqualTo(defaults);
        var rates = Options.parse(new String[] {"--tier=m", "--rates=500,1000,5000", "--statements", "--warmup=20"});
        assertThat(rates)
                .extracting(Options::tier, Options::rates, Options::statements, Options::warmup)
                .containsExactly("M", List.of(500, 1000, 5000), true, 20);
        assertThat(rates)
                .usingRecursiveComparison()
                .ignoringFields("tier", "rates", "statements", "warmup")
                .isEqualTo(defaults);
        // The warm-up runs at the first round's rate unless given its own.
        assertThat(rates.warmupRateOrFirst()).isEqualTo(500);
        assertThat(Options.parse(new String[] {"--rates=500,1000", "--warmup=60", "--warmup-rate=5000"})
                        .warmupRateOrFirst())
                .isEqualTo(5000);
        // Orders and SMS opt-outs alongside the callbacks, each at its own rate.
        var alongside = Options.parse(new String[] {"--orders=1000", "--order-batch=20", "--optouts=1000"});
        assertThat(alongside)
                .extracting(Options::orders, Options::orderBatch, Options::optOuts)
                .containsExactly(1000, 20, 1000);
        assertThat(alongside)
                .usingRecursiveComparison()
                .ignoringFields("orders", "orderBatch", "optOuts")
                .isEqualTo(defaults);
        // The L tier's copy would not fit beside it: the run may write into the tier itself.
        assertThat(Options.parse(new String[] {"--tier=L", "--copy=false"}).copy())
                .isFalse();
        assertThat(Options.parse(new String[] {"--explain-slow=50"}).explainSlowMs())
                .isEqualTo(50);
        assertThat(Options.parse(new String[] {"--tier=L", "--recount=false"}).recount())
                .isFalse();
        assertThat(Options.parse(new String[] {"--tier=L", "--shared-buffers=4GB"})
                        .sharedBuffers())
                .isEqualTo("4GB");
        // The relations opt-outs and orders read, into the page cache first.
        assertThat(Options.parse(new String[] {"--tier=L", "--prewarm"}).prewarm())
                .isTrue();
        // WhatsApp's pricing object on the sent and delivered statuses.
        assertThat(Options.parse(new String[] {"--pricing"}).pricing()).isTrue();
    }

    @Test
    void refusesUnknownOptionsAndAKillAfterTheEnd() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--sekonds=5"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse(new String[] {"60"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse(new String[] {"--seconds=10", "--kill-at=10"}))
                .isInstanceOf(IllegalArgumentException.class);
        // Several rates run one after another in one app; a kill belongs to a run of one rate.
        assertThatThrownBy(() -> Options.parse(new String[] {"--rates=500,1000", "--kill-at=10"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse(new String[] {"--tier=XL"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
