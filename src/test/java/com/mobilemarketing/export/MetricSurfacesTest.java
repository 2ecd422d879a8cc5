package com.mobilemarketing.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.columns.MessageRow;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.Cost;
import com.mobilemarketing.core.metrics.Figures;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.Revenue;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.stats.Funnel;
import com.mobilemarketing.stats.StatsRepository.ChannelCost;
import com.mobilemarketing.stats.StatsRepository.ChannelRevenue;
import com.mobilemarketing.stats.StatsRepository.ChannelTotals;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One set of messages through every surface that shows their figures: the stats panel's funnel, the
 * message list's row, the analytics page's header, and the export's CSV and XLSX cells. They must
 * agree figure by figure, and "unknown" must be "—" on screen and an empty cell in both files.
 */
class MetricSurfacesTest {

    private static final Locale PL = Locale.of("pl");
    private static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");
    private static final OffsetDateTime SENT_AT = OffsetDateTime.parse("2026-11-02T10:15:00+01:00");

    /** A message: channel, whether its SMS gateway reports delivery, and its counters. */
    record Case(
            String name,
            Channel channel,
            @Nullable Boolean callbacks,
            long sent,
            long delivered,
            long opened,
            long clicked,
            long undelivered,
            long orders,
            long revenueMinor,
            long costMicros,
            long optOuts) {}

    static final List<Case> CASES = List.of(
            new Case("SMS without callbacks", Channel.SMS, false, 10, 0, 0, 2, 0, 1, 5_000, 600_000, 1),
            // An "opened" counter on SMS (it has no open signal) must never be shown.
            new Case("SMS with opens", Channel.SMS, true, 10, 8, 3, 1, 2, 2, 19_980, 750_000, 2),
            new Case("zero deliveries", Channel.WHATSAPP, null, 5, 0, 0, 0, 5, 0, 0, 0, 0),
            new Case("WhatsApp", Channel.WHATSAPP, null, 100, 90, 45, 9, 10, 9, 90_000, 21_600_000, 3),
            new Case("Viber", Channel.VIBER, null, 50, 40, 20, 4, 10, 1, 1_234_567, 3_600_000, 0));

    /** Opt-outs and opt-out rate (of delivered) per case. */
    static final Map<String, List<String>> EXPECTED_OPT_OUTS = Map.of(
            "SMS without callbacks", List.of("1", "—"),
            "SMS with opens", List.of("2", "25,0%"),
            "zero deliveries", List.of("0", "—"),
            "WhatsApp", List.of("3", "3,3%"),
            "Viber", List.of("0", "0,0%"));

    private static final List<Metric> OPT_OUT_METRICS = List.of(Metric.OPT_OUTS, Metric.OPT_OUT_RATE);

    /** Cost figures per case: cost, per delivered, per read, per click, per order, return on spend. */
    static final Map<String, List<String>> EXPECTED_COSTS = Map.of(
            "SMS without callbacks",
            List.of("0,60\u00a0zł", "—", "—", "0,30\u00a0zł", "0,60\u00a0zł", "8\u00a0333,3%"),
            "SMS with opens",
            List.of("0,75\u00a0zł", "0,0938\u00a0zł", "—", "0,75\u00a0zł", "0,375\u00a0zł", "26\u00a0640,0%"),
            "zero deliveries",
            List.of("0,00\u00a0zł", "—", "—", "—", "—", "—"),
            "WhatsApp",
            List.of("21,60\u00a0zł", "0,24\u00a0zł", "0,48\u00a0zł", "2,40\u00a0zł", "2,40\u00a0zł", "4\u00a0166,7%"),
            "Viber",
            List.of("3,60\u00a0zł", "0,09\u00a0zł", "0,18\u00a0zł", "0,90\u00a0zł", "3,60\u00a0zł", "342\u00a0935,3%"));

    private static final List<Metric> COST_METRICS = List.of(
            Metric.COST,
            Metric.COST_PER_DELIVERED,
            Metric.COST_PER_READ,
            Metric.COST_PER_CLICK,
            Metric.COST_PER_ORDER,
            Metric.RETURN);

    /** Order figures per case: orders, revenue, conversion rate, revenue per recipient, average order value. */
    static final Map<String, List<String>> EXPECTED_ORDERS = Map.of(
            "SMS without callbacks", List.of("1", "50,00\u00a0zł", "—", "—", "50,00\u00a0zł"),
            "SMS with opens", List.of("2", "199,80\u00a0zł", "25,0%", "24,98\u00a0zł", "99,90\u00a0zł"),
            "zero deliveries", List.of("0", "0,00\u00a0zł", "—", "—", "—"),
            "WhatsApp", List.of("9", "900,00\u00a0zł", "10,0%", "10,00\u00a0zł", "100,00\u00a0zł"),
            "Viber", List.of("1", "12\u00a0345,67\u00a0zł", "2,5%", "308,64\u00a0zł", "12\u00a0345,67\u00a0zł"));

    private static final List<Metric> ORDER_METRICS = List.of(
            Metric.ORDERS,
            Metric.REVENUE,
            Metric.CONVERSION_RATE,
            Metric.REVENUE_PER_RECIPIENT,
            Metric.AVERAGE_ORDER_VALUE);

    /** What the screen must show for a case and metric. */
    static String expected(String name, Metric metric) {
        int order = ORDER_METRICS.indexOf(metric);
        int cost = COST_METRICS.indexOf(metric);
        int optOut = OPT_OUT_METRICS.indexOf(metric);
        if (optOut >= 0) {
            return EXPECTED_OPT_OUTS.get(name).get(optOut);
        }
        if (cost >= 0) {
            return EXPECTED_COSTS.get(name).get(cost);
        }
        return order >= 0
                ? EXPECTED_ORDERS.get(name).get(order)
                : EXPECTED.get(name).get(metric);
    }

    /** What the screen must show, metric by metric, for each case (Polish locale). */
    static final Map<String, Map<Metric, String>> EXPECTED = Map.of(
            "SMS without callbacks",
            Map.of(
                    Metric.SENT, "10",
                    Metric.DELIVERED, "—",
                    Metric.OPENED, "—",
                    Metric.CLICKED, "2",
                    Metric.UNDELIVERED, "—",
                    Metric.DELIVERY_RATE, "—",
                    Metric.OPEN_RATE, "—",
                    Metric.CLICK_RATE, "—"),
            "SMS with opens",
            Map.of(
                    Metric.SENT, "10",
                    Metric.DELIVERED, "8",
                    Metric.OPENED, "—",
                    Metric.CLICKED, "1",
                    Metric.UNDELIVERED, "2",
                    Metric.DELIVERY_RATE, "80,0%",
                    Metric.OPEN_RATE, "—",
                    Metric.CLICK_RATE, "12,5%"),
            "zero deliveries",
            Map.of(
                    Metric.SENT, "5",
                    Metric.DELIVERED, "0",
                    Metric.OPENED, "0",
                    Metric.CLICKED, "0",
                    Metric.UNDELIVERED, "5",
                    Metric.DELIVERY_RATE, "0,0%",
                    Metric.OPEN_RATE, "—",
                    Metric.CLICK_RATE, "—"),
            "WhatsApp",
            Map.of(
                    Metric.SENT, "100",
                    Metric.DELIVERED, "90",
                    Metric.OPENED, "45",
                    Metric.CLICKED, "9",
                    Metric.UNDELIVERED, "10",
                    Metric.DELIVERY_RATE, "90,0%",
                    Metric.OPEN_RATE, "50,0%",
                    Metric.CLICK_RATE, "10,0%"),
            "Viber",
            Map.of(
                    Metric.SENT, "50",
                    Metric.DELIVERED, "40",
                    Metric.OPENED, "20",
                    Metric.CLICKED, "4",
                    Metric.UNDELIVERED, "10",
                    Metric.DELIVERY_RATE, "80,0%",
                    Metric.OPEN_RATE, "50,0%",
                    Metric.CLICK_RATE, "10,0%"));

    private static final List<MessageColumn> FIGURE_COLUMNS =
            MessageColumn.ALL.stream().filter(c -> c.metric().isPresent()).toList();

    @Test
    void everySurfaceShowsTheSameFigures(@TempDir Path dir) throws Exception {
        var cells = new ExportCells(new TranslationProvider());
        var exported = new ArrayList<List<Object>>();
        for (var c : CASES) {
            var grid = gridRow(c).figures();
            var analytics = analyticsHeader(c)
                    .figures(
                            new AnalyticsRepository.Funnel(
                                    c.sent(), c.sent(), c.delivered(), c.opened(), c.clicked(), c.undelivered()),
                            new Revenue(c.orders(), c.revenueMinor(), 0, "PLN"),
                            new Cost(c.costMicros(), 0, 0, "PLN"),
                            c.optOuts());
            var export = gridRow(c);
            var row = cells.cells(export, FIGURE_COLUMNS, ZONE, PL);
            exported.add(row);
            for (int i = 0; i < FIGURE_COLUMNS.size(); i++) {
                var metric = FIGURE_COLUMNS.get(i).metric().orElseThrow();
                var shown = expected(c.name(), metric);
                assertThat(screen(grid, metric))
                        .as("%s %s in the grid", c.name(), metric)
                        .isEqualTo(shown);
                assertThat(screen(analytics, metric))
                        .as("%s %s on the analytics page", c.name(), metric)
                        .isEqualTo(shown);
                assertThat(row.get(i) == null)
                        .as("%s %s: an empty export cell exactly where the screen shows —", c.name(), metric)
                        .isEqualTo(shown.equals(MetricFormat.NOT_AVAILABLE));
            }
            // The panel counts only traffic with delivery reports (the gateway rule); what it
            // counts shows the same figures as the message itself.
            var panel = panelFunnel(c);
            if (Boolean.FALSE.equals(c.callbacks())) {
                assertThat(panel.sent())
                        .as("%s is left out of the panel", c.name())
                        .isZero();
            } else {
                for (var metric : List.of(
                        Metric.SENT,
                        Metric.DELIVERED,
                        Metric.OPENED,
                        Metric.CLICKED,
                        Metric.DELIVERY_RATE,
                        Metric.OPEN_RATE,
                        Metric.CLICK_RATE,
                        Metric.ORDERS,
                        Metric.REVENUE,
                        Metric.CONVERSION_RATE,
                        Metric.REVENUE_PER_RECIPIENT,
                        Metric.AVERAGE_ORDER_VALUE,
                        Metric.COST,
                        Metric.COST_PER_DELIVERED,
                        Metric.COST_PER_READ,
                        Metric.COST_PER_CLICK,
                        Metric.COST_PER_ORDER,
                        Metric.RETURN,
                        Metric.OPT_OUTS,
                        Metric.OPT_OUT_RATE)) {
                    assertThat(MetricFormat.text(panel.value(metric), PL))
                            .as("%s %s on the panel", c.name(), metric)
                            .isEqualTo(expected(c.name(), metric));
                }
            }
        }
        var csv = writeAndRead(ExportFormat.CSV, dir.resolve("x.csv"), exported);
        var xlsx = writeAndRead(ExportFormat.XLSX, dir.resolve("x.xlsx"), exported);
        for (int r = 0; r < CASES.size(); r++) {
            for (int i = 0; i < FIGURE_COLUMNS.size(); i++) {
                var column = FIGURE_COLUMNS.get(i);
                var shown = expected(CASES.get(r).name(), column.metric().orElseThrow());
                var unknown = shown.equals(MetricFormat.NOT_AVAILABLE);
                // CSV: the screen's own text (Polish Excel reads "80,0%" as a number), empty for "—";
                // money as a plain number with the decimal comma, without grouping and currency.
                var csvText = column.kind() == MessageColumn.Kind.MONEY
                        ? shown.replace("\u00a0zł", "").replace("\u00a0", "")
                        : shown;
                assertThat(csv.get(r + 1).get(i))
                        .as("CSV %s %s", CASES.get(r).name(), column)
                        .isEqualTo(unknown ? "" : csvText);
                // XLSX: numbers (rates as fractions with a percent format), blank for "—".
                assertThat(xlsx.get(r + 1).get(i).isEmpty())
                        .as("XLSX %s %s blank", CASES.get(r).name(), column)
                        .isEqualTo(unknown);
            }
        }
        // An order figure's column names the attribution it was read with, in the export's language.
        var header = cells.header(FIGURE_COLUMNS, PL, Attribution.DEFAULT);
        assertThat(header.get(FIGURE_COLUMNS.indexOf(MessageColumn.REVENUE)))
                .isEqualTo("Przychód (atrybucja: ostatnie kliknięcie, 5 dni)");
        assertThat(cells.header(
                                FIGURE_COLUMNS,
                                java.util.Locale.ENGLISH,
                                new Attribution(Attribution.Model.LAST_TOUCH, 48, 72))
                        .get(FIGURE_COLUMNS.indexOf(MessageColumn.ORDERS)))
                .isEqualTo("Orders (attribution: last touch, 3 days)");
        assertThat(header.get(FIGURE_COLUMNS.indexOf(MessageColumn.SENT))).isEqualTo("Wysłane");
        // The XLSX rate is the fraction behind the screen's percentage.
        assertThat(xlsx.get(4).get(FIGURE_COLUMNS.indexOf(MessageColumn.DELIVERY_RATE)))
                .isEqualTo("0.9");
    }

    private static String screen(Figures figures, Metric metric) {
        return MetricFormat.text(figures.value(metric), PL);
    }

    private static List<List<String>> writeAndRead(ExportFormat format, Path file, List<List<Object>> rows)
            throws Exception {
        var kinds = FIGURE_COLUMNS.stream().map(MessageColumn::kind).toList();
        try (var writer = ExportWriter.open(format, file, PL)) {
            writer.header(FIGURE_COLUMNS.stream().map(MessageColumn::key).toList());
            for (var row : rows) {
                writer.row(kinds, row);
            }
            writer.finish();
        }
        return ExportTestSupport.read(file, format);
    }

    private static MessageRow gridRow(Case c) {
        return new MessageRow(
                1,
                c.name(),
                MessageType.BULK,
                MessageState.SENT,
                c.channel(),
                c.callbacks() == null ? null : "Gateway",
                c.callbacks(),
                1,
                "Anna",
                null,
                SENT_AT,
                c.sent(),
                c.delivered(),
                c.opened(),
                c.clicked(),
                c.undelivered(),
                c.orders(),
                c.revenueMinor(),
                0,
                c.costMicros(),
                0,
                "PLN",
                c.optOuts());
    }

    private static AnalyticsRepository.MessageHeader analyticsHeader(Case c) {
        return new AnalyticsRepository.MessageHeader(
                1,
                1,
                c.name(),
                "Treść",
                c.channel(),
                MessageType.BULK,
                MessageState.SENT,
                c.callbacks() == null ? null : "Gateway",
                c.callbacks(),
                "Anna",
                null,
                SENT_AT,
                "Flora",
                ZONE);
    }

    private static Funnel panelFunnel(Case c) {
        var counted = !Boolean.FALSE.equals(c.callbacks());
        var totals = List.of(
                new ChannelTotals(c.channel(), counted, true, c.sent(), c.delivered(), c.opened(), c.clicked(), 0),
                new ChannelTotals(c.channel(), counted, true, 0, 0, 0, 0, c.optOuts()));
        var revenue = List.of(new ChannelRevenue(c.channel(), counted, true, c.orders(), c.revenueMinor(), 0));
        var cost = List.of(new ChannelCost(c.channel(), counted, true, c.costMicros(), 0));
        return Funnel.of(totals, revenue, cost, "PLN", Set.of(c.channel()), true);
    }
}
