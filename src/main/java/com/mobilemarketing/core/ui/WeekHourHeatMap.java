package com.mobilemarketing.core.ui;

import com.vaadin.flow.component.html.NativeTable;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A weekday × hour heat map (Monday on top, hours 0–23 of local time across) as an ECharts option,
 * and the same grid as a table, its text alternative. The stats panel rates each hour of sending;
 * a message's analytics page counts its reads and clicks by the hour they happened.
 */
public final class WeekHourHeatMap {

    /** The lightest colour of the scale, for a cell of (almost) nothing. */
    private static final String EMPTY_COLOR = "#f1f5f9";

    private WeekHourHeatMap() {}

    /**
     * {@code values[weekday - 1][hour]}: a number, or null where there is nothing to show (left
     * blank). {@code valueTemplate} writes the scale's labels, e.g. "{value}%".
     */
    public static Map<String, Object> option(
            Locale locale, String seriesName, @Nullable Number[][] values, String color, String valueTemplate) {
        var hours = new ArrayList<String>();
        for (int hour = 0; hour < 24; hour++) {
            hours.add(String.valueOf(hour));
        }
        var days = new ArrayList<String>();
        var data = new ArrayList<Object>();
        double max = 0;
        for (var day : DayOfWeek.values()) {
            days.add(weekday(day, TextStyle.SHORT_STANDALONE, locale));
            for (int hour = 0; hour < 24; hour++) {
                var value = values[day.getValue() - 1][hour];
                if (value != null) {
                    max = Math.max(max, value.doubleValue());
                    data.add(List.of(hour, day.getValue() - 1, value));
                }
            }
        }
        return map(
                "aria", map("enabled", true),
                "animation", false,
                "tooltip", map("position", "top"),
                "grid", map("left", 8, "right", 8, "top", 8, "bottom", 48, "containLabel", true),
                "xAxis", map("type", "category", "data", hours, "splitArea", map("show", true)),
                "yAxis", map("type", "category", "data", days, "inverse", true, "splitArea", map("show", true)),
                "visualMap",
                        map(
                                "min",
                                0,
                                "max",
                                Math.max(1, Math.ceil(max)),
                                "orient",
                                "horizontal",
                                "left",
                                "center",
                                "bottom",
                                0,
                                "itemHeight",
                                120,
                                "formatter",
                                valueTemplate,
                                "inRange",
                                map("color", List.of(EMPTY_COLOR, color))),
                "series",
                        List.of(map(
                                "name",
                                seriesName,
                                "type",
                                "heatmap",
                                "data",
                                data,
                                "emphasis",
                                map("itemStyle", map("borderColor", "#333", "borderWidth", 1)))));
    }

    /** The grid as a table: a row per weekday, a column per hour, {@code cell} the text of each. */
    public static NativeTable table(
            String id,
            String caption,
            String weekdayHeader,
            Locale locale,
            BiFunction<DayOfWeek, Integer, String> cell) {
        var table = new NativeTable();
        table.setId(id);
        table.setCaptionText(caption);
        table.addClassName("data-table");
        var head = table.getHead().addRow();
        head.addHeaderCell().setText(weekdayHeader);
        for (int hour = 0; hour < 24; hour++) {
            head.addHeaderCell().setText(hour + ":00");
        }
        for (var day : DayOfWeek.values()) {
            var row = table.getBody().addRow();
            row.addHeaderCell().setText(weekday(day, TextStyle.FULL_STANDALONE, locale));
            for (int hour = 0; hour < 24; hour++) {
                row.addDataCell().setText(cell.apply(day, hour));
            }
        }
        return table;
    }

    public static String weekday(DayOfWeek day, TextStyle style, Locale locale) {
        return day.getDisplayName(style, locale);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        var result = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            result.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return result;
    }
}
