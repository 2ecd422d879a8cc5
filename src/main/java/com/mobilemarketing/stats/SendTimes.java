package com.mobilemarketing.stats;

import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Measurability;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricValue;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.db.enums.Channel;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "When to send": the outcomes of the recipients sent in each local weekday × hour of a range, per
 * channel, from the hourly rollup, and the best two-hour windows by reads or clicks per delivered.
 * A window needs at least {@value #MIN_WINDOW_DELIVERED} delivered messages to be named, so that a
 * slot with three lucky deliveries never wins.
 */
public record SendTimes(Map<Channel, Cell[][]> cells) {

    /** Delivered messages a two-hour window needs before it can be called the best. */
    public static final int MIN_WINDOW_DELIVERED = 100;

    /** Hours of a window. */
    public static final int WINDOW_HOURS = 2;

    /** What the heat map rates: reads or clicks per delivered message. */
    public enum Measure {
        READS(Metric.OPEN_RATE),
        CLICKS(Metric.CLICK_RATE);

        private final Metric metric;

        Measure(Metric metric) {
            this.metric = metric;
        }

        public Metric metric() {
            return metric;
        }

        /** SMS reports no reads: only clicks can be rated there. */
        public boolean measurable(Channel channel) {
            return this == CLICKS || Measurability.opensReported(channel);
        }
    }

    /** One weekday × hour of one channel (weekday 1 = Monday … 7 = Sunday, hour 0–23 local). */
    public record HourRow(
            Channel channel, int weekday, int hour, long sent, long delivered, long opened, long clicked) {}

    /** Counts of one cell or window. */
    public record Cell(long sent, long delivered, long opened, long clicked) {

        static final Cell EMPTY = new Cell(0, 0, 0, 0);

        Cell plus(Cell other) {
            return new Cell(
                    sent + other.sent, delivered + other.delivered, opened + other.opened, clicked + other.clicked);
        }

        /** The measure's rate through the metric model, "unknown" without a base. */
        public MetricValue value(Channel channel, Measure measure) {
            return Figures.ofMessage(
                            channel, true, sent, delivered, opened, clicked, 0, Revenue.UNKNOWN, Cost.UNKNOWN, 0)
                    .value(measure.metric());
        }
    }

    /** A named best window: weekday, hours [start, start + 2), its rate and volume. */
    public record Window(Channel channel, DayOfWeek weekday, int startHour, double rate, long delivered) {
        public int endHour() {
            return startHour + WINDOW_HOURS;
        }
    }

    public static SendTimes of(Collection<HourRow> rows, Set<Channel> channels) {
        var cells = new EnumMap<Channel, Cell[][]>(Channel.class);
        for (var channel : channels) {
            var grid = new Cell[7][24];
            for (var day : grid) {
                java.util.Arrays.fill(day, Cell.EMPTY);
            }
            cells.put(channel, grid);
        }
        for (var row : rows) {
            var grid = cells.get(row.channel());
            if (grid != null) {
                grid[row.weekday() - 1][row.hour()] = grid[row.weekday() - 1][row.hour()].plus(
                        new Cell(row.sent(), row.delivered(), row.opened(), row.clicked()));
            }
        }
        return new SendTimes(Map.copyOf(cells));
    }

    public Cell cell(Channel channel, DayOfWeek weekday, int hour) {
        return cells.get(channel)[weekday.getValue() - 1][hour];
    }

    /** The channel's best window, if one has the volume. */
    public Optional<Window> best(Channel channel, Measure measure) {
        var grid = cells.get(channel);
        if (grid == null || !measure.measurable(channel)) {
            return Optional.empty();
        }
        var windows = new ArrayList<Window>();
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour + WINDOW_HOURS <= 24; hour++) {
                var window = Cell.EMPTY;
                for (int h = hour; h < hour + WINDOW_HOURS; h++) {
                    window = window.plus(grid[day][h]);
                }
                var value = window.value(channel, measure);
                if (window.delivered() >= MIN_WINDOW_DELIVERED && value.fraction() != null) {
                    windows.add(new Window(channel, DayOfWeek.of(day + 1), hour, value.fraction(), window.delivered()));
                }
            }
        }
        // Ties go to the window with more deliveries, then the earlier one.
        return windows.stream()
                .max(Comparator.comparingDouble(Window::rate)
                        .thenComparingLong(Window::delivered)
                        .thenComparingInt(w -> -(w.weekday().getValue() * 24 + w.startHour())));
    }

    /** The best window of every channel that has one, best first. */
    public List<Window> bestPerChannel(Measure measure) {
        return cells.keySet().stream()
                .flatMap(channel -> best(channel, measure).stream())
                .sorted(Comparator.comparingDouble(Window::rate).reversed())
                .toList();
    }
}
