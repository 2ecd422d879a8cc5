package com.mobilemarketing.stats.ui;

import static com.mobilemarketing.stats.ui.StatsPanel.COMPARE_PARAM;
import static com.mobilemarketing.stats.ui.StatsPanel.COMPARE_PREF;
import static com.mobilemarketing.stats.ui.StatsPanel.CUSTOM_PREF;
import static com.mobilemarketing.stats.ui.StatsPanel.DEFAULT_COMPARISON;
import static com.mobilemarketing.stats.ui.StatsPanel.DEFAULT_RANGE;
import static com.mobilemarketing.stats.ui.StatsPanel.DEFAULT_SOURCE;
import static com.mobilemarketing.stats.ui.StatsPanel.FROM_PARAM;
import static com.mobilemarketing.stats.ui.StatsPanel.RANGE_PARAM;
import static com.mobilemarketing.stats.ui.StatsPanel.RANGE_PREF;
import static com.mobilemarketing.stats.ui.StatsPanel.SOURCE_PARAM;
import static com.mobilemarketing.stats.ui.StatsPanel.SOURCE_PREF;
import static com.mobilemarketing.stats.ui.StatsPanel.TO_PARAM;

import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsComparison;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsSource;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the stats panel opens with: the source, the range (a preset's name or {@link
 * RangePreset#CUSTOM} with its days) and the comparison, each from the URL, else the user's last
 * choice, else the default. {@code custom} is the custom range to show when it is chosen (from the
 * URL or the last one saved), and {@code invalidUrl} says a value in the URL was refused.
 */
record StatsChoice(
        StatsSource source, String range, @Nullable DateRange custom, StatsComparison comparison, boolean invalidUrl) {

    static StatsChoice resolve(
            UrlState url, Function<String, Optional<String>> preference, Set<Channel> integrated, LocalDate today) {
        var invalid = false;
        var sourceParam = url.get(SOURCE_PARAM);
        var chosenSource = sourceParam.flatMap(StatsSource::parse).filter(s -> s.availableOn(integrated));
        invalid |= sourceParam.isPresent() && chosenSource.isEmpty();
        var rangeParam = url.get(RANGE_PARAM);
        var chosenRange = rangeParam.flatMap(StatsChoice::parseRange);
        Optional<DateRange> chosenCustom = Optional.empty();
        if (chosenRange.filter(RangePreset.CUSTOM::equals).isPresent()) {
            chosenCustom = customRange(
                    url.get(FROM_PARAM).orElse(null), url.get(TO_PARAM).orElse(null), today);
            if (chosenCustom.isEmpty()) {
                chosenRange = Optional.empty();
                invalid = true;
            }
        }
        invalid |= rangeParam.isPresent() && chosenRange.isEmpty();
        var compareParam = url.get(COMPARE_PARAM);
        var chosenComparison = compareParam.flatMap(StatsComparison::parse);
        invalid |= compareParam.isPresent() && chosenComparison.isEmpty();

        var source = chosenSource
                .or(() -> preference
                        .apply(SOURCE_PREF)
                        .flatMap(StatsSource::parse)
                        .filter(s -> s.availableOn(integrated)))
                .orElse(DEFAULT_SOURCE);
        var savedCustom = preference.apply(CUSTOM_PREF).flatMap(StatsChoice::splitDates);
        var range = chosenRange
                .or(() -> preference
                        .apply(RANGE_PREF)
                        .flatMap(StatsChoice::parseRange)
                        .filter(r -> !RangePreset.CUSTOM.equals(r) || savedCustom.isPresent()))
                .orElse(DEFAULT_RANGE.name());
        var comparison = chosenComparison
                .or(() -> preference.apply(COMPARE_PREF).flatMap(StatsComparison::parse))
                .orElse(DEFAULT_COMPARISON);
        return new StatsChoice(source, range, chosenCustom.or(() -> savedCustom).orElse(null), comparison, invalid);
    }

    /** A preset's name or "CUSTOM", leniently; anything else is empty. */
    private static Optional<String> parseRange(String value) {
        if (RangePreset.CUSTOM.equalsIgnoreCase(value.trim())) {
            return Optional.of(RangePreset.CUSTOM);
        }
        return StatsPeriod.parsePreset(value).map(RangePreset::name);
    }

    /** "2026-01-01/2026-03-31", as the custom range is kept in the user's preferences. */
    private static Optional<DateRange> splitDates(String value) {
        var parts = value.split("/", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        var first = StatsPeriod.parseDate(parts[0]);
        var last = StatsPeriod.parseDate(parts[1]);
        return first.isEmpty() || last.isEmpty() || last.get().isBefore(first.get())
                ? Optional.empty()
                : Optional.of(new DateRange(first.get(), last.get()));
    }

    /** A custom range from two ISO dates, when both parse and the range can be shown. */
    private static Optional<DateRange> customRange(@Nullable String first, @Nullable String last, LocalDate today) {
        var firstDay = StatsPeriod.parseDate(first);
        var lastDay = StatsPeriod.parseDate(last);
        if (firstDay.isEmpty() || lastDay.isEmpty()) {
            return Optional.empty();
        }
        var problem = StatsPeriod.customRangeProblem(firstDay.get(), lastDay.get(), today);
        return problem.isPresent() ? Optional.empty() : Optional.of(new DateRange(firstDay.get(), lastDay.get()));
    }
}
