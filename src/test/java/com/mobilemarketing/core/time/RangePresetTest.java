package com.mobilemarketing.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented boundaries of the nine presets at month, quarter and year edges and across DST. */
class RangePresetTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @ParameterizedTest(name = "{0} on {1} = {2} … {3}")
    @CsvSource({
        // An ordinary day in the middle of a quarter.
        "LAST_7_DAYS,      2026-11-15, 2026-11-09, 2026-11-15",
        "LAST_30_DAYS,     2026-11-15, 2026-10-17, 2026-11-15",
        "CURRENT_MONTH,    2026-11-15, 2026-11-01, 2026-11-15",
        "PREVIOUS_MONTH,   2026-11-15, 2026-10-01, 2026-10-31",
        "CURRENT_QUARTER,  2026-11-15, 2026-10-01, 2026-11-15",
        "PREVIOUS_QUARTER, 2026-11-15, 2026-07-01, 2026-09-30",
        "CURRENT_YEAR,     2026-11-15, 2026-01-01, 2026-11-15",
        "PREVIOUS_YEAR,    2026-11-15, 2025-01-01, 2025-12-31",
        "LAST_12_MONTHS,   2026-11-15, 2025-12-01, 2026-11-15",
        // First day of a month, a quarter and a year: the current period is that one day.
        "CURRENT_MONTH,    2026-03-01, 2026-03-01, 2026-03-01",
        "PREVIOUS_MONTH,   2026-03-01, 2026-02-01, 2026-02-28",
        "CURRENT_QUARTER,  2026-04-01, 2026-04-01, 2026-04-01",
        "PREVIOUS_QUARTER, 2026-04-01, 2026-01-01, 2026-03-31",
        "CURRENT_YEAR,     2027-01-01, 2027-01-01, 2027-01-01",
        "PREVIOUS_YEAR,    2027-01-01, 2026-01-01, 2026-12-31",
        "LAST_12_MONTHS,   2027-01-01, 2026-02-01, 2027-01-01",
        "LAST_7_DAYS,      2027-01-01, 2026-12-26, 2027-01-01",
        "PREVIOUS_QUARTER, 2027-01-01, 2026-10-01, 2026-12-31",
        // Last day of a month, a quarter and a year.
        "CURRENT_MONTH,    2026-09-30, 2026-09-01, 2026-09-30",
        "CURRENT_QUARTER,  2026-09-30, 2026-07-01, 2026-09-30",
        "PREVIOUS_QUARTER, 2026-09-30, 2026-04-01, 2026-06-30",
        "CURRENT_YEAR,     2026-12-31, 2026-01-01, 2026-12-31",
        "LAST_12_MONTHS,   2026-12-31, 2026-01-01, 2026-12-31",
        // Leap years and short months.
        "PREVIOUS_MONTH,   2028-03-15, 2028-02-01, 2028-02-29",
        "LAST_30_DAYS,     2028-03-01, 2028-02-01, 2028-03-01",
        "PREVIOUS_MONTH,   2026-05-31, 2026-04-01, 2026-04-30",
        "LAST_12_MONTHS,   2028-02-29, 2027-03-01, 2028-02-29",
        // Across the daylight-saving changes of 2026 (29 March, 25 October).
        "LAST_7_DAYS,      2026-03-29, 2026-03-23, 2026-03-29",
        "LAST_7_DAYS,      2026-10-25, 2026-10-19, 2026-10-25",
        "LAST_30_DAYS,     2026-04-02, 2026-03-04, 2026-04-02",
    })
    void boundaries(RangePreset preset, LocalDate today, LocalDate first, LocalDate last) {
        assertThat(preset.range(today)).isEqualTo(new DateRange(first, last));
    }

    @Test
    void everyPresetEndsTodayOrBeforeAndStartsNoLaterThanItEnds() {
        for (var today = LocalDate.of(2026, 1, 1); today.getYear() < 2029; today = today.plusDays(1)) {
            for (var preset : RangePreset.values()) {
                var range = preset.range(today);
                assertThat(range.last()).isBeforeOrEqualTo(today);
                assertThat(range.first()).isBeforeOrEqualTo(range.last());
                assertThat(range.previous().last().plusDays(1)).isEqualTo(range.first());
                assertThat(range.previous().days()).isEqualTo(range.days());
            }
        }
    }

    @Test
    void theSpringForwardDayHas23HoursAndTheFallBackDay25() {
        var march = new DateRange(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29));
        assertThat(march.startInclusive(WARSAW)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(march.endExclusive(WARSAW)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(Duration.between(march.startInclusive(WARSAW), march.endExclusive(WARSAW)))
                .hasHours(23);

        var october = new DateRange(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25));
        assertThat(october.startInclusive(WARSAW)).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(october.endExclusive(WARSAW)).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(Duration.between(october.startInclusive(WARSAW), october.endExclusive(WARSAW)))
                .hasHours(25);
    }

    @Test
    void aWeekAcrossSpringForwardIsOneHourShortAndOneAcrossFallBackOneHourLong() {
        var spring = RangePreset.LAST_7_DAYS.range(LocalDate.of(2026, 3, 29));
        assertThat(Duration.between(spring.startInclusive(WARSAW), spring.endExclusive(WARSAW)))
                .isEqualTo(Duration.ofHours(7 * 24 - 1));
        var autumn = RangePreset.LAST_7_DAYS.range(LocalDate.of(2026, 10, 25));
        assertThat(Duration.between(autumn.startInclusive(WARSAW), autumn.endExclusive(WARSAW)))
                .isEqualTo(Duration.ofHours(7 * 24 + 1));
    }

    @Test
    void previousPeriodHasTheSameNumberOfDays() {
        var february = RangePreset.PREVIOUS_MONTH.range(LocalDate.of(2028, 3, 15));
        assertThat(february.previous()).isEqualTo(new DateRange(LocalDate.of(2028, 1, 3), LocalDate.of(2028, 1, 31)));
        var lastWeek = RangePreset.LAST_7_DAYS.range(LocalDate.of(2026, 11, 15));
        assertThat(lastWeek.previous()).isEqualTo(new DateRange(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8)));
    }

    @Test
    void onlyTheYearlyPresetsAreChartedByMonth() {
        assertThat(java.util.Arrays.stream(RangePreset.values()).filter(RangePreset::monthly))
                .containsExactly(RangePreset.CURRENT_YEAR, RangePreset.PREVIOUS_YEAR, RangePreset.LAST_12_MONTHS);
    }
}
