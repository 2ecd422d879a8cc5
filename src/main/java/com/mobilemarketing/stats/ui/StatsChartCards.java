package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.metrics.OptInFlow;
import com.mobilemarketing.core.ui.AttributionTexts;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsRepository;
import com.mobilemarketing.stats.StatsSummary;
import com.mobilemarketing.stats.StatsSummary.ChannelRow;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The charts of the stats panel (the range bucket by bucket, the channels' rates side by side, the
 * opt-ins gained and lost) with their data as tables for screen readers.
 */
class StatsChartCards extends Div {

    private final StatsTexts texts;
    private final EChart dailyChart = new EChart();
    private final EChart channelChart = new EChart();
    private final NativeDetails dailyDetails = new NativeDetails();
    private final NativeDetails channelDetails = new NativeDetails();
    private final EChart consentChart = new EChart();
    private final NativeDetails consentDetails = new NativeDetails();
    /** Opt-ins gained, lost and net of the range, under the consent chart's title. */
    private final Span consentSummary = new Span();
    /** The attribution the charts' revenue is read with, under each chart's title. */
    private final Span dailyAttribution = new Span();

    private final Span channelAttribution = new Span();
    /** The data tables behind the charts, built when their details are opened (see {@link #deferContent}). */
    private final Map<NativeDetails, Supplier<Component>> deferredContent = new HashMap<>();

    StatsChartCards(StatsTexts texts) {
        this.texts = texts;
        addClassName("stats-charts");
        add(
                card("stats.chart.daily", dailyAttribution, dailyChart, dailyDetails),
                card("stats.chart.channels", channelAttribution, channelChart, channelDetails),
                card("stats.chart.consent", consentSummary, consentChart, consentDetails));
        consentSummary.setId("stats-consent-summary");
        consentChart.setId("stats-chart-consent");
        consentDetails.setId("stats-chart-consent-data");
        consentDetails.setSummaryText(texts.tr("stats.chart.data"));
        dailyAttribution.setId("stats-chart-daily-attribution");
        channelAttribution.setId("stats-chart-channels-attribution");
        dailyChart.setId("stats-chart-daily");
        channelChart.setId("stats-chart-channels");
        dailyDetails.setId("stats-chart-daily-data");
        dailyDetails.setSummaryText(texts.tr("stats.chart.data"));
        channelDetails.setId("stats-chart-channels-data");
        channelDetails.setSummaryText(texts.tr("stats.chart.data"));
        for (var details : List.of(dailyDetails, channelDetails, consentDetails)) {
            details.addToggleListener(event -> {
                if (event.isOpened()) {
                    fillDeferred(details);
                }
            });
        }
    }

    private Component card(String titleKey, Span attribution, EChart chart, NativeDetails details) {
        var title = new Span(texts.tr(titleKey));
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
        attribution.addClassNames(
                "stats-chart-attribution",
                LumoUtility.Display.BLOCK,
                LumoUtility.FontSize.XSMALL,
                LumoUtility.TextColor.SECONDARY);
        details.addClassNames(LumoUtility.FontSize.XSMALL);
        var card = new Div(title, attribution, chart, details);
        card.addClassNames(
                "stats-chart-card",
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5);
        return card;
    }

    void show(
            StatsSummary current,
            List<ChannelRow> comparison,
            StatsPeriod period,
            List<StatsRepository.SeriesPoint> series,
            List<StatsRepository.SeriesPoint> comparisonSeries,
            String currency,
            Attribution attribution) {
        var note = texts.tr("stats.attribution.note", AttributionTexts.label(texts.host(), attribution));
        var detail = AttributionTexts.detail(texts.host(), attribution);
        for (var span : List.of(dailyAttribution, channelAttribution)) {
            span.setText(note);
            span.setTitle(detail);
        }
        Function<String, String> tr = key -> texts.tr(key);
        var monthly = period.monthly();
        var buckets = StatsCharts.buckets(period, series, comparisonSeries, texts.locale());
        var opens = current.current().opensMeasurable();
        var comparisonSuffix =
                texts.tr("stats.compare.suffix." + period.comparison().name());
        dailyChart.setOption(StatsCharts.dailyOption(buckets, opens, comparisonSuffix, currency, texts.locale(), tr));
        var now = current.current();
        dailyChart
                .getElement()
                .setAttribute(
                        "aria-label",
                        texts.tr(
                                monthly ? "stats.chart.daily.aria.monthly" : "stats.chart.daily.aria",
                                texts.dates(period.range()),
                                texts.count(now.sent()),
                                texts.count(now.delivered()),
                                texts.text(now, Metric.OPENED),
                                texts.count(now.clicked()),
                                texts.text(now, Metric.REVENUE)));
        deferContent(dailyDetails, () -> dailyTable(buckets, opens, comparisonSuffix, currency));

        channelChart.setOption(StatsCharts.channelOption(comparison, currency, texts.locale(), tr));
        var parts = new ArrayList<String>();
        for (var row : comparison) {
            parts.add(channelSummary(row));
        }
        channelChart
                .getElement()
                .setAttribute(
                        "aria-label",
                        texts.tr("stats.chart.channels.aria", texts.dates(period.range()), String.join("; ", parts)));
        deferContent(channelDetails, () -> channelTable(comparison));
    }

    /** Opt-ins gained, lost and net of the range on the chosen channels, day by day (or month by month). */
    void showConsent(StatsPeriod period, List<StatsRepository.ConsentPoint> points) {
        var buckets = StatsCharts.consentBuckets(period, points, texts.locale());
        var total = buckets.stream().map(StatsCharts.ConsentBucket::flow).reduce(OptInFlow.NONE, OptInFlow::plus);
        var summary = texts.tr(
                "stats.consent.summary",
                texts.count(total.gained()),
                texts.count(total.lost()),
                texts.signedCount(total.net()));
        consentSummary.setText(summary);
        consentChart.setOption(StatsCharts.consentOption(buckets, key -> texts.tr(key)));
        consentChart
                .getElement()
                .setAttribute("aria-label", texts.tr("stats.chart.consent.aria", texts.dates(period.range()), summary));
        deferContent(consentDetails, () -> consentTable(buckets));
    }

    private NativeTable consentTable(List<StatsCharts.ConsentBucket> buckets) {
        var table = dataTable(
                "stats-chart-consent-table",
                "stats.chart.consent",
                Stream.of("stats.column.date", "stats.consent.gained", "stats.consent.lost", "stats.consent.net")
                        .map(texts::tr)
                        .toList());
        var body = table.getBody();
        for (var bucket : buckets) {
            var row = body.addRow();
            row.addHeaderCell().setText(bucket.label());
            row.addDataCell().setText(texts.count(bucket.flow().gained()));
            row.addDataCell().setText(texts.count(bucket.flow().lost()));
            row.addDataCell().setText(texts.signedCount(bucket.flow().net()));
        }
        return table;
    }

    /**
     * Closed details get their table when opened: a day-by-day table is hundreds of elements that
     * most visits never look at, and it made up a large part of the dashboard's first response.
     */
    private void deferContent(NativeDetails details, Supplier<Component> content) {
        deferredContent.put(details, content);
        if (details.isOpen()) {
            fillDeferred(details);
        } else {
            details.setContent(new Div());
        }
    }

    private void fillDeferred(NativeDetails details) {
        var content = deferredContent.remove(details);
        if (content != null) {
            details.setContent(content.get());
        }
    }

    private String channelSummary(ChannelRow row) {
        var f = row.current();
        return texts.tr(
                "stats.chart.channels.row",
                texts.tr("channel." + row.channel().name()),
                texts.text(f, Metric.DELIVERY_RATE),
                texts.text(f, Metric.OPEN_RATE),
                texts.text(f, Metric.CLICK_RATE),
                texts.text(f, Metric.REVENUE),
                texts.text(f, Metric.COST_PER_ORDER));
    }

    /** The daily chart's numbers: the period's, then the comparison period's beside the same days. */
    private NativeTable dailyTable(
            List<StatsCharts.Bucket> buckets, boolean opens, String comparisonSuffix, String currency) {
        var metrics = new ArrayList<Metric>(List.of(Metric.SENT, Metric.DELIVERED));
        if (opens) {
            metrics.add(Metric.OPENED);
        }
        metrics.add(Metric.CLICKED);
        var headers = new ArrayList<>(List.of(texts.tr("stats.column.date")));
        metrics.forEach(metric -> headers.add(texts.tr(StatsCharts.tileKey(metric))));
        headers.add(texts.tr(StatsCharts.tileKey(Metric.REVENUE)));
        metrics.forEach(metric -> headers.add(texts.tr(StatsCharts.tileKey(metric)) + " — " + comparisonSuffix));
        headers.add(texts.tr(StatsCharts.tileKey(Metric.REVENUE)) + " — " + comparisonSuffix);
        var table = dataTable("stats-chart-daily-table", "stats.chart.daily", headers);
        var body = table.getBody();
        for (var bucket : buckets) {
            var row = body.addRow();
            row.addHeaderCell().setText(bucket.label());
            for (var metric : metrics) {
                row.addDataCell().setText(texts.count(bucket.now().count(metric)));
            }
            row.addDataCell().setText(MetricFormat.text(bucket.now().revenue(currency), texts.locale()));
            for (var metric : metrics) {
                row.addDataCell().setText(texts.count(bucket.before().count(metric)));
            }
            row.addDataCell().setText(MetricFormat.text(bucket.before().revenue(currency), texts.locale()));
        }
        return table;
    }

    private NativeTable channelTable(List<ChannelRow> rows) {
        var table = dataTable(
                "stats-chart-channels-table",
                "stats.chart.channels",
                Stream.of(
                                "stats.column.channel",
                                "stats.rate.delivery.short",
                                "stats.rate.open.short",
                                "stats.rate.ctr.short",
                                "stats.tile.revenue",
                                "stats.rate.cost-per-order.short")
                        .map(texts::tr)
                        .toList());
        var body = table.getBody();
        for (var channelRow : rows) {
            var f = channelRow.current();
            var row = body.addRow();
            row.addHeaderCell()
                    .setText(texts.tr("channel." + channelRow.channel().name()));
            row.addDataCell().setText(texts.text(f, Metric.DELIVERY_RATE));
            row.addDataCell().setText(texts.text(f, Metric.OPEN_RATE));
            row.addDataCell().setText(texts.text(f, Metric.CLICK_RATE));
            row.addDataCell().setText(texts.text(f, Metric.REVENUE));
            row.addDataCell().setText(texts.text(f, Metric.COST_PER_ORDER));
        }
        return table;
    }

    /** A chart's figures as a table for screen readers and the curious: a caption and a header row. */
    private NativeTable dataTable(String id, String captionKey, List<String> headers) {
        var table = new NativeTable();
        table.setId(id);
        table.setCaptionText(texts.tr(captionKey));
        var head = table.getHead().addRow();
        headers.forEach(header -> head.addHeaderCell().setText(header));
        table.addClassName("stats-data-table");
        return table;
    }
}
