package com.mobilemarketing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every figure of the panel, for every source × preset on both demo accounts, equals a recount
 * written here from the raw recipient rows (local day of sending in the account's zone, test
 * messages and gateways without callbacks left out). The ranges are spelled out as dates for the
 * tests' fixed clock (2026-11-15T10:00Z, a Sunday in Warsaw), not taken from the production code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsExactnessTest extends AbstractDatabaseTest {

    @Autowired
    private StatsRepository repository;

    /** One recount for the class: it only reads, so each range is recounted once, not once per case. */
    private StatsRecount recounts;

    @BeforeAll
    void recounts() {
        recounts = new StatsRecount(db);
    }

    static Stream<Arguments> sourcesAndPresets() {
        var result = new ArrayList<Arguments>();
        for (var account : List.of(FLORA, SPORT)) {
            for (var source : StatsSource.values()) {
                for (var preset : RangePreset.values()) {
                    result.add(Arguments.of(account, source, preset));
                }
            }
        }
        return result.stream();
    }

    @ParameterizedTest(name = "account {0}, {1}, {2}")
    @MethodSource("sourcesAndPresets")
    void everyTileEqualsARecountFromRawRecipients(long account, StatsSource source, RangePreset preset) {
        var integrated = integrated(account);
        if (!source.availableOn(integrated)) {
            return; // Sportowy Świat has no Viber: the source is not offered at all (see StatsPanelTest).
        }
        var first = LocalDate.parse(StatsRecount.RANGES.get(preset)[0]);
        var last = LocalDate.parse(StatsRecount.RANGES.get(preset)[1]);
        var days = last.toEpochDay() - first.toEpochDay() + 1;
        var previousFirst = first.minusDays(days);
        var previousLast = first.minusDays(1);

        var period = StatsPeriod.of(preset, clock, ZoneId.of("Europe/Warsaw"));
        assertThat(period.range()).isEqualTo(new DateRange(first, last));
        var totals = Tenant.call(account, () -> repository.totals(account, period.range()));
        var revenue = Tenant.call(account, () -> repository.revenue(account, period.range()));
        var costs = Tenant.call(account, () -> repository.costs(account, period.range(), period.previous()));
        var summary = StatsSummary.of(source, integrated, totals, revenue, costs, "PLN");

        var channels = source.channel().map(Set::of).orElse(integrated);
        assertFunnel(summary.current(), recounts.recount(account, channels, first, last, true));
        assertFunnel(summary.previous(), recounts.recount(account, channels, previousFirst, previousLast, true));
        assertRevenue(summary.current(), recounts.revenue(account, channels, first, last, true));
        assertRevenue(summary.previous(), recounts.revenue(account, channels, previousFirst, previousLast, true));
        assertThat(summary.current().opensMeasurable()).isEqualTo(source != StatsSource.SMS);

        // A row per channel (shown under "All").
        assertThat(summary.rows())
                .extracting(StatsSummary.ChannelRow::channel)
                .containsExactlyElementsOf(
                        integrated.stream().filter(channels::contains).toList());
        for (var row : summary.rows()) {
            assertFunnel(row.current(), recounts.recount(account, Set.of(row.channel()), first, last, true));
            assertRevenue(row.current(), recounts.revenue(account, Set.of(row.channel()), first, last, true));
        }
        // Cost too: the channels sum to "All".
        assertThat(summary.rows().stream()
                        .mapToLong(r -> r.current().cost().micros())
                        .sum())
                .isEqualTo(summary.current().cost().micros());
        // One order never counts twice: the channels sum to "All".
        assertThat(summary.rows().stream()
                        .mapToLong(r -> r.current().revenue().revenueMinor())
                        .sum())
                .isEqualTo(summary.current().revenue().revenueMinor());
        assertThat(summary.rows().stream()
                        .mapToLong(r -> r.current().revenue().orders())
                        .sum())
                .isEqualTo(summary.current().revenue().orders());

        // Callback coverage: counted SMS sent / all SMS sent.
        if (channels.contains(Channel.SMS)) {
            var counted = recounts.recount(account, Set.of(Channel.SMS), first, last, true)
                    .sent();
            var all = recounts.recount(account, Set.of(Channel.SMS), first, last, false)
                    .sent();
            assertThat(summary.coverage()).isEqualTo(new StatsSummary.Coverage(counted, all));
            assertThat(all).isGreaterThanOrEqualTo(counted);
        } else {
            assertThat(summary.coverage()).isNull();
        }

        // The chart's buckets add up to the tiles.
        var series = Tenant.call(account, () -> repository.series(account, period.range(), channels, preset.monthly()));
        assertThat(series.stream().mapToLong(StatsRepository.SeriesPoint::sent).sum())
                .isEqualTo(summary.current().sent());
        assertThat(series.stream()
                        .mapToLong(StatsRepository.SeriesPoint::clicked)
                        .sum())
                .isEqualTo(summary.current().clicked());
        // ... and so does the revenue charted beside them, which equals the recount.
        assertThat(series.stream()
                        .mapToLong(StatsRepository.SeriesPoint::revenueMinor)
                        .sum())
                .isEqualTo(
                        recounts.revenue(account, channels, first, last, true).revenueMinor());
        if (preset.monthly()) {
            assertThat(series)
                    .allSatisfy(
                            point -> assertThat(point.bucket().getDayOfMonth()).isEqualTo(1));
        }
    }

    /**
     * Custom ranges (a month, a range over a year that overlaps its own year-earlier days, the longest
     * allowed 24 months) with both comparisons: the tiles, the channel rows and both chart series
     * equal the recount. The comparison dates are spelled out here, not taken from the production code.
     */
    @ParameterizedTest(name = "account {0}, {1} … {2}, {3}")
    @CsvSource({
        "1, 2026-02-01, 2026-02-28, PREVIOUS_PERIOD, 2026-01-04, 2026-01-31",
        "1, 2026-02-01, 2026-02-28, PREVIOUS_YEAR,   2025-02-01, 2025-02-28",
        "1, 2025-02-28, 2026-03-01, PREVIOUS_PERIOD, 2024-02-27, 2025-02-27",
        "1, 2025-02-28, 2026-03-01, PREVIOUS_YEAR,   2024-02-28, 2025-03-01",
        "1, 2024-11-16, 2026-11-15, PREVIOUS_PERIOD, 2022-11-17, 2024-11-15",
        "1, 2024-11-16, 2026-11-15, PREVIOUS_YEAR,   2023-11-16, 2025-11-15",
        "1, 2026-10-20, 2026-11-15, PREVIOUS_YEAR,   2025-10-20, 2025-11-15",
        "2, 2025-12-24, 2026-01-06, PREVIOUS_YEAR,   2024-12-24, 2025-01-06",
        "2, 2025-12-24, 2026-01-06, PREVIOUS_PERIOD, 2025-12-10, 2025-12-23",
    })
    void customRangesAndBothComparisonsEqualARecount(
            long account,
            LocalDate first,
            LocalDate last,
            StatsComparison comparison,
            LocalDate comparisonFirst,
            LocalDate comparisonLast) {
        var integrated = integrated(account);
        var period = StatsPeriod.custom(new DateRange(first, last), clock, ZoneId.of("Europe/Warsaw"), comparison);
        assertThat(period.previous()).isEqualTo(new DateRange(comparisonFirst, comparisonLast));
        var totals = Tenant.call(account, () -> repository.totals(account, period.range(), period.previous()));
        for (var source : StatsSource.values()) {
            if (!source.availableOn(integrated)) {
                continue;
            }
            var channels = source.channel().map(Set::of).orElse(integrated);
            var summary = StatsSummary.of(source, integrated, totals);
            assertFunnel(summary.current(), recounts.recount(account, channels, first, last, true));
            assertFunnel(
                    summary.previous(), recounts.recount(account, channels, comparisonFirst, comparisonLast, true));
            for (var row : summary.rows()) {
                assertFunnel(row.current(), recounts.recount(account, Set.of(row.channel()), first, last, true));
                assertFunnel(
                        row.previous(),
                        recounts.recount(account, Set.of(row.channel()), comparisonFirst, comparisonLast, true));
            }
            // The daily chart's series: the range's buckets and the comparison's days add up to the tiles.
            var series =
                    Tenant.call(account, () -> repository.series(account, period.range(), channels, period.monthly()));
            var comparisonDays =
                    Tenant.call(account, () -> repository.series(account, period.previous(), channels, false));
            assertThat(series.stream()
                            .mapToLong(StatsRepository.SeriesPoint::delivered)
                            .sum())
                    .isEqualTo(summary.current().delivered());
            assertThat(comparisonDays.stream()
                            .mapToLong(StatsRepository.SeriesPoint::sent)
                            .sum())
                    .isEqualTo(summary.previous().sent());
            // Revenue of both periods, charted from the same statement, equals the recount.
            assertThat(series.stream()
                            .mapToLong(StatsRepository.SeriesPoint::revenueMinor)
                            .sum())
                    .isEqualTo(recounts.revenue(account, channels, first, last, true)
                            .revenueMinor());
            assertThat(comparisonDays.stream()
                            .mapToLong(StatsRepository.SeriesPoint::revenueMinor)
                            .sum())
                    .isEqualTo(recounts.revenue(account, channels, comparisonFirst, comparisonLast, true)
                            .revenueMinor());
        }
        if (first.equals(LocalDate.parse("2026-10-20"))) {
            // Guards against passing on empty data: both periods have traffic.
            assertThat(recounts.recount(account, integrated, first, last, true).sent())
                    .isPositive();
            assertThat(recounts.recount(account, integrated, comparisonFirst, comparisonLast, true)
                            .sent())
                    .isPositive();
        }
    }

    @Test
    void demoDataHasTrafficThatTheExclusionsActuallyRemove() {
        // Guards the test above against passing on empty data: both exclusions bite in the demo range.
        var testRecipients = asAllAccounts(() -> queryLong("""
                select count(*) from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id
                where r.account_id = ? and m.type = 'TEST' and r.sent_at is not null""", FLORA));
        var silentSms = asAllAccounts(() -> queryLong("""
                select count(*) from message_recipient r join message m on m.account_id = r.account_id and m.id = r.message_id
                join sms_gateway g on g.account_id = m.account_id and g.id = m.gateway_id
                where r.account_id = ? and not g.supports_callbacks and r.sent_at is not null""", FLORA));
        assertThat(testRecipients).isPositive();
        assertThat(silentSms).isPositive();
        var recount = recounts.recount(
                FLORA, integrated(FLORA), LocalDate.parse("2026-10-17"), LocalDate.parse("2026-11-15"), true);
        assertThat(recount.sent()).isPositive();
        assertThat(recount.opened()).isPositive();
        // The revenue recount has something to recount: credited, cancelled and unconverted orders.
        var revenue = recounts.revenue(
                FLORA, integrated(FLORA), LocalDate.parse("2026-08-01"), LocalDate.parse("2026-11-15"), true);
        assertThat(revenue.orders()).isPositive();
        assertThat(revenue.revenueMinor()).isPositive();
        assertThat(asAllAccounts(() -> queryLong(
                        "select count(*) from order_event where account_id = ? and status <> 'PLACED'", FLORA)))
                .isPositive();
        assertThat(asAllAccounts(() ->
                        queryLong("select count(*) from order_event where account_id = ? and currency = 'CZK'", FLORA)))
                .isPositive();
    }

    @Test
    void optInFiguresEqualARecountFromConsents() {
        for (var account : List.of(FLORA, SPORT)) {
            var counts = Tenant.call(account, () -> repository.optInCounts(account));
            var any = asAllAccounts(() -> queryLong(
                    "select count(distinct contact_id) from contact_consent where account_id = ? and opted_in",
                    account));
            assertThat(counts.any()).isEqualTo(any);
            for (var channel : Channel.values()) {
                var perChannel = asAllAccounts(() -> queryLong(
                        "select count(*) from contact_consent where account_id = ? and opted_in and channel::text = ?",
                        account,
                        channel.name()));
                assertThat(counts.of(channel)).as("%s %s", account, channel).isEqualTo(perChannel);
            }
        }
    }

    @Test
    void onlyIntegratedChannelsAreOffered() {
        assertThat(Tenant.call(FLORA, () -> repository.integratedChannels(FLORA)))
                .containsExactly(Channel.SMS, Channel.WHATSAPP, Channel.VIBER);
        assertThat(Tenant.call(SPORT, () -> repository.integratedChannels(SPORT)))
                .containsExactly(Channel.SMS, Channel.WHATSAPP);
    }

    private Set<Channel> integrated(long account) {
        var names = asAllAccounts(
                () -> queryStrings("select channel::text from channel_integration where account_id = ?", account));
        var result = EnumSet.noneOf(Channel.class);
        names.forEach(name -> result.add(Channel.valueOf(name)));
        return result;
    }

    private static void assertRevenue(Funnel funnel, StatsRecount.RevenueRecount recount) {
        assertThat(funnel.revenue().orders()).as("orders").isEqualTo(recount.orders());
        assertThat(funnel.revenue().revenueMinor()).as("revenue").isEqualTo(recount.revenueMinor());
        assertThat(funnel.revenue().unconverted()).as("unconverted orders").isEqualTo(recount.unconverted());
    }

    private static void assertFunnel(Funnel funnel, StatsRecount.Recount recount) {
        assertThat(funnel.sent()).as("sent").isEqualTo(recount.sent());
        assertThat(funnel.delivered()).as("delivered").isEqualTo(recount.delivered());
        assertThat(funnel.opened()).as("opened").isEqualTo(recount.opened());
        assertThat(funnel.clicked()).as("clicked").isEqualTo(recount.clicked());
        assertThat(funnel.openBase()).as("open rate base").isEqualTo(recount.openBase());
        if (funnel.cost().currency() != null) {
            assertThat(funnel.cost().micros()).as("cost").isEqualTo(recount.costMicros());
            assertThat(funnel.cost().openMicros())
                    .as("cost of channels with reads")
                    .isEqualTo(recount.openCostMicros());
            assertThat(funnel.cost().unpriced()).as("unpriced").isZero();
        }
    }
}
