package com.mobilemarketing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Today" is the account's local date of the clock's instant: fixed "now" values around local midnight. */
class StatsPeriodTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @ParameterizedTest(name = "{1} at {0} = {2} … {3}")
    @CsvSource({
        // 23:30 UTC on 31 March is 01:30 on 1 April in Warsaw (summer time): a new month and quarter.
        "2026-03-31T22:30:00Z, CURRENT_MONTH,    2026-04-01, 2026-04-01",
        "2026-03-31T22:30:00Z, CURRENT_QUARTER,  2026-04-01, 2026-04-01",
        "2026-03-31T22:30:00Z, PREVIOUS_QUARTER, 2026-01-01, 2026-03-31",
        "2026-03-31T21:59:59Z, CURRENT_MONTH,    2026-03-01, 2026-03-31",
        // New Year in Warsaw (winter time, UTC+1) starts at 23:00 UTC.
        "2026-12-31T23:00:00Z, CURRENT_YEAR,     2027-01-01, 2027-01-01",
        "2026-12-31T22:59:59Z, CURRENT_YEAR,     2026-01-01, 2026-12-31",
        "2026-12-31T23:00:00Z, PREVIOUS_YEAR,    2026-01-01, 2026-12-31",
        "2026-12-31T23:00:00Z, LAST_12_MONTHS,   2026-02-01, 2027-01-01",
        // The spring-forward day: midnight is 23:00 UTC before it, 22:00 UTC after it.
        "2026-03-28T23:00:00Z, LAST_7_DAYS,      2026-03-23, 2026-03-29",
        "2026-03-28T22:59:59Z, LAST_7_DAYS,      2026-03-22, 2026-03-28",
        "2026-03-29T22:00:00Z, LAST_7_DAYS,      2026-03-24, 2026-03-30",
        "2026-03-29T21:59:59Z, LAST_7_DAYS,      2026-03-23, 2026-03-29",
        // The fall-back day: midnight is 22:00 UTC before it, 23:00 UTC after it.
        "2026-10-24T22:00:00Z, LAST_30_DAYS,     2026-09-26, 2026-10-25",
        "2026-10-25T22:59:59Z, LAST_30_DAYS,     2026-09-26, 2026-10-25",
        "2026-10-25T23:00:00Z, LAST_30_DAYS,     2026-09-27, 2026-10-26",
        // The tests' fixed clock.
        "2026-11-15T10:00:00Z, LAST_30_DAYS,     2026-10-17, 2026-11-15",
    })
    void todayIsTheLocalDateInTheAccountsZone(Instant now, RangePreset preset, LocalDate first, LocalDate last) {
        var period = StatsPeriod.of(preset, Clock.fixed(now, ZoneOffset.UTC), WARSAW);
        assertThat(period.range()).isEqualTo(new DateRange(first, last));
    }

    @Test
    void anotherZoneGivesAnotherToday() {
        var now = Clock.fixed(Instant.parse("2026-11-15T23:30:00Z"), ZoneOffset.UTC);
        assertThat(StatsPeriod.of(RangePreset.LAST_7_DAYS, now, WARSAW).today()).isEqualTo("2026-11-16");
        assertThat(StatsPeriod.of(RangePreset.LAST_7_DAYS, now, ZoneId.of("America/New_York"))
                        .today())
                .isEqualTo("2026-11-15");
    }

    @Test
    void urlValuesParseLenientlyAndRejectTheRest() {
        assertThat(StatsPeriod.parsePreset("last_30_days")).contains(RangePreset.LAST_30_DAYS);
        assertThat(StatsPeriod.parsePreset("LAST_3_DAYS")).isEmpty();
        assertThat(StatsPeriod.parsePreset("x".repeat(500))).isEmpty();
        assertThat(StatsSource.parse("viber")).contains(StatsSource.VIBER);
        assertThat(StatsSource.parse("EMAIL")).isEmpty();
        assertThat(StatsSource.parse(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} … {1} → {2}")
    @CsvSource({
        "2024-11-16, 2026-11-15, ''",
        "2024-11-15, 2026-11-15, stats.custom.too-long",
        "2026-11-15, 2026-11-15, ''",
        "2026-11-15, 2026-11-16, stats.custom.future",
        "2026-03-02, 2026-03-01, stats.custom.order",
    })
    void customRangesUpToTwentyFourMonthsEndingByToday(LocalDate first, LocalDate last, String problem) {
        var today = LocalDate.parse("2026-11-15");
        if (problem.isEmpty()) {
            assertThat(StatsPeriod.customRangeProblem(first, last, today)).isEmpty();
        } else {
            assertThat(StatsPeriod.customRangeProblem(first, last, today)).contains(problem);
        }
        assertThat(StatsPeriod.customRangeProblem(null, last, today)).contains("stats.custom.missing");
    }

    @ParameterizedTest(name = "{0} … {1}")
    @CsvSource({
        // first, last, previous period first/last, the same days a year earlier first/last
        "2026-02-01, 2026-02-28, 2026-01-04, 2026-01-31, 2025-02-01, 2025-02-28",
        "2025-02-28, 2026-03-01, 2024-02-27, 2025-02-27, 2024-02-28, 2025-03-01",
        "2024-02-29, 2024-03-31, 2024-01-28, 2024-02-28, 2023-02-28, 2023-03-31",
    })
    void comparisonPeriods(LocalDate first, LocalDate last, LocalDate pf, LocalDate pl, LocalDate yf, LocalDate yl) {
        var range = new DateRange(first, last);
        assertThat(StatsComparison.PREVIOUS_PERIOD.of(range)).isEqualTo(new DateRange(pf, pl));
        assertThat(StatsComparison.PREVIOUS_YEAR.of(range)).isEqualTo(new DateRange(yf, yl));
        var clock = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
        var custom = StatsPeriod.custom(range, clock, WARSAW, StatsComparison.PREVIOUS_YEAR);
        assertThat(custom.previous()).isEqualTo(new DateRange(yf, yl));
        assertThat(custom.monthly()).isEqualTo(range.days() > 92);
    }

    @Test
    void comparisonAndDatesFromTheUrlParseOrAreEmpty() {
        assertThat(StatsComparison.parse("previous_year")).contains(StatsComparison.PREVIOUS_YEAR);
        assertThat(StatsComparison.parse("LAST_DECADE")).isEmpty();
        assertThat(StatsPeriod.parseDate("2026-02-30")).isEmpty();
        assertThat(StatsPeriod.parseDate("2026-02-28")).contains(LocalDate.parse("2026-02-28"));
        assertThat(StatsPeriod.parseDate("<script>")).isEmpty();
    }
}
