package com.mobilemarketing.stats.ui;

import com.mobilemarketing.contacts.ui.OptInDialogs;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.metrics.Metric;
import com.mobilemarketing.core.metrics.MetricFormat;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.security.UserRepository;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.LiveRefresh;
import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.Funnel;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsRepository;
import com.mobilemarketing.stats.StatsRepository.OptInCounts;
import com.mobilemarketing.stats.StatsSource;
import com.mobilemarketing.stats.StatsSummary;
import com.mobilemarketing.stats.StatsSummary.ChannelRow;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;
import org.springframework.scheduling.TaskScheduler;

/**
 * Message analytics at the top of the dashboard (product.md §1): source [1], opt-in contacts with
 * "Who?" [2], time range [3], tiles Sent / Delivered / Opened / Clicked [4]–[7] with rates and the
 * change against the previous period, a row per channel under "All", and two charts. Every figure
 * is read from the rollups; the panel refreshes itself when the account's numbers change.
 */
@SpringComponent
@Scope("prototype")
@StyleSheet("app/stats.css")
public class StatsPanel extends Section {

    /** Wide enough for the longest word of a rate's header ("dostarczenia") on a line of its own. */
    private static final String RATE_WIDTH = "8rem";

    static final String SOURCE_PARAM = "source";
    static final String RANGE_PARAM = "range";
    static final String SOURCE_PREF = "stats.source";
    static final String RANGE_PREF = "stats.range";
    static final StatsSource DEFAULT_SOURCE = StatsSource.ALL;
    static final RangePreset DEFAULT_RANGE = RangePreset.LAST_30_DAYS;

    private final StatsRepository stats;
    private final OptInDialogs optInDialogs;
    private final Clock clock;
    private final AppUser user;
    private final long accountId;
    private final ZoneId zone;
    private final Set<Channel> integrated;

    private final Select<StatsSource> source = new Select<>();
    private final Select<RangePreset> range = new Select<>();
    private final Span optInCount = new Span();
    private final Span optInBreakdown = new Span();
    private final Button optInWho = new Button();
    private final LiveRefresh live;
    private final Span updated;
    private final StatTile sentTile;
    private final StatTile deliveredTile;
    private final StatTile openedTile;
    private final StatTile clickedTile;
    private final Paragraph coverage = new Paragraph();
    private final Grid<ChannelRow> channelRows = new Grid<>();
    private final EChart dailyChart = new EChart();
    private final EChart channelChart = new EChart();
    private final NativeDetails dailyDetails = new NativeDetails();
    private final NativeDetails channelDetails = new NativeDetails();

    private @Nullable UrlState urlState;
    private boolean restoring;
    private @Nullable StatsSummary summary;

    public StatsPanel(
            StatsRepository stats,
            OptInDialogs optInDialogs,
            LiveUpdates liveUpdates,
            TaskScheduler scheduler,
            Clock clock,
            CurrentUser currentUser,
            UserRepository users) {
        this.stats = stats;
        this.optInDialogs = optInDialogs;
        this.clock = clock;
        this.user = currentUser.get();
        this.accountId = user.requireAccountId();
        this.zone = users.findAccount(accountId)
                .map(UserRepository.AccountInfo::timeZone)
                .orElseThrow(() -> new IllegalStateException("No account " + accountId));
        this.integrated = Tenant.call(accountId, () -> stats.integratedChannels(accountId));
        this.live = new LiveRefresh(this, liveUpdates, scheduler, clock, accountId, change -> true, this::refresh);
        this.updated = live.ageLabel();
        setId("stats-panel");
        addClassNames(
                "stats-panel",
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.MEDIUM,
                LumoUtility.Width.FULL);
        getElement().setAttribute("aria-labelledby", "stats-title");
        sentTile = new StatTile("tile-sent", getTranslation("stats.tile.sent"));
        deliveredTile = new StatTile("tile-delivered", getTranslation("stats.tile.delivered"));
        openedTile = new StatTile("tile-opened", getTranslation("stats.tile.opened"));
        clickedTile = new StatTile("tile-clicked", getTranslation("stats.tile.clicked"));
        add(createHeader(), createControls(), createTiles(), createCoverage(), createChannelRows(), createCharts());
    }

    /** Reads source and range from the URL, else the user's last choice, else the defaults, and shows them. */
    public void show(UrlState urlState) {
        this.urlState = urlState;
        var invalid = false;
        var fromUrl = urlState.get(SOURCE_PARAM);
        var chosenSource = fromUrl.flatMap(StatsSource::parse).filter(s -> s.availableOn(integrated));
        invalid |= fromUrl.isPresent() && chosenSource.isEmpty();
        var chosenRange = urlState.get(RANGE_PARAM).flatMap(StatsPeriod::parsePreset);
        invalid |= urlState.get(RANGE_PARAM).isPresent() && chosenRange.isEmpty();
        var effectiveSource = chosenSource
                .or(() -> preference(SOURCE_PREF).flatMap(StatsSource::parse).filter(s -> s.availableOn(integrated)))
                .orElse(DEFAULT_SOURCE);
        var effectiveRange = chosenRange
                .or(() -> preference(RANGE_PREF).flatMap(StatsPeriod::parsePreset))
                .orElse(DEFAULT_RANGE);
        restoring = true;
        try {
            source.setValue(effectiveSource);
            range.setValue(effectiveRange);
        } finally {
            restoring = false;
        }
        urlState.put(SOURCE_PARAM, effectiveSource.name());
        urlState.put(RANGE_PARAM, effectiveRange.name());
        if (invalid) {
            Notification.show(getTranslation("stats.url.invalid"), 5000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
        refresh();
    }

    // ------------------------------------------------------------------------------------ layout

    private Component createHeader() {
        var title = new H3(getTranslation("stats.title"));
        title.setId("stats-title");
        title.addClassNames(LumoUtility.Margin.NONE, LumoUtility.FontSize.LARGE);
        updated.setId("stats-updated");
        var note = new Span(getTranslation("stats.integrated.note"));
        note.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        var header = new Div(title, updated);
        header.addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.AlignItems.BASELINE,
                LumoUtility.Gap.MEDIUM,
                LumoUtility.FlexWrap.WRAP);
        var wrapper = new Div(header, note);
        wrapper.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        return wrapper;
    }

    private Component createControls() {
        source.setId("stats-source");
        source.setLabel(getTranslation("stats.source"));
        var sources = new ArrayList<StatsSource>();
        for (var s : StatsSource.values()) {
            if (s.availableOn(integrated)) {
                sources.add(s);
            }
        }
        source.setItems(sources);
        source.setItemLabelGenerator(s -> getTranslation("channel." + s.name()));
        source.setValue(DEFAULT_SOURCE);
        source.addValueChangeListener(event -> {
            if (event.getValue() != null) {
                chosen(SOURCE_PARAM, SOURCE_PREF, event.getValue().name());
            }
        });

        range.setId("stats-range");
        range.setLabel(getTranslation("stats.range"));
        range.setItems(RangePreset.values());
        range.setItemLabelGenerator(preset -> getTranslation(preset.labelKey()));
        range.setValue(DEFAULT_RANGE);
        range.addValueChangeListener(event -> {
            if (event.getValue() != null) {
                chosen(RANGE_PARAM, RANGE_PREF, event.getValue().name());
            }
        });

        var optInLabel = new Span(getTranslation("stats.optin"));
        optInLabel.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        optInCount.setId("optin-count");
        optInCount.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.SEMIBOLD);
        optInBreakdown.setId("optin-breakdown");
        optInBreakdown.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        optInWho.setId("optin-who");
        optInWho.setText(getTranslation("common.who"));
        optInWho.setIcon(VaadinIcon.USERS.create());
        optInWho.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        optInWho.addClickListener(event -> openOptInList());
        var figure = new Div(optInCount, optInWho);
        figure.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.BASELINE, LumoUtility.Gap.SMALL);
        var optIn = new Div(optInLabel, figure, optInBreakdown);
        optIn.setId("stats-optin");
        optIn.addClassNames("stats-optin", LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);

        var controls = new Div(source, optIn, range);
        controls.addClassNames(
                "stats-controls",
                LumoUtility.Display.FLEX,
                LumoUtility.FlexWrap.WRAP,
                LumoUtility.AlignItems.END,
                LumoUtility.Gap.LARGE);
        return controls;
    }

    private Component createTiles() {
        var tiles = new Div(sentTile, deliveredTile, openedTile, clickedTile);
        tiles.setId("stats-tiles");
        tiles.addClassName("stats-tiles");
        return tiles;
    }

    private Component createCoverage() {
        coverage.setId("stats-coverage");
        coverage.addClassNames("stats-coverage", LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        return coverage;
    }

    private Component createChannelRows() {
        channelRows.setId("stats-channel-rows");
        // Long headers such as "Wskaźnik dostarczenia" wrap instead of being cut off.
        channelRows.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_WRAP_CELL_CONTENT);
        channelRows.setAllRowsVisible(true);
        channelRows
                .addColumn(new ComponentRenderer<>(row -> {
                    var cell = new Span(
                            ChannelIcons.icon(row.channel(), this),
                            new Span(getTranslation("channel." + row.channel().name())));
                    cell.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Gap.SMALL);
                    return cell;
                }))
                .setHeader(getTranslation("stats.column.channel"))
                .setKey("channel")
                .setAutoWidth(true);
        channelRows
                .addColumn(row -> count(row.current().sent()))
                .setHeader(getTranslation("stats.tile.sent"))
                .setKey("sent");
        channelRows
                .addColumn(row -> count(row.current().delivered()))
                .setHeader(getTranslation("stats.tile.delivered"))
                .setKey("delivered");
        channelRows
                .addColumn(row -> text(row.current(), Metric.DELIVERY_RATE))
                .setHeader(getTranslation("stats.rate.delivery.short"))
                .setKey("delivery-rate")
                .setWidth(RATE_WIDTH);
        channelRows
                .addColumn(row -> text(row.current(), Metric.OPENED))
                .setHeader(getTranslation("stats.tile.opened"))
                .setKey("opened")
                .setTooltipGenerator(row -> reason(row.current(), Metric.OPENED));
        channelRows
                .addColumn(row -> text(row.current(), Metric.OPEN_RATE))
                .setHeader(getTranslation("stats.rate.open.short"))
                .setKey("open-rate")
                .setWidth(RATE_WIDTH);
        channelRows
                .addColumn(row -> count(row.current().clicked()))
                .setHeader(getTranslation("stats.tile.clicked"))
                .setKey("clicked");
        channelRows
                .addColumn(row -> text(row.current(), Metric.CLICK_RATE))
                .setHeader(getTranslation("stats.rate.ctr.short"))
                .setKey("ctr");
        channelRows.getElement().setAttribute("aria-label", getTranslation("stats.channels.caption"));
        return channelRows;
    }

    private Component createCharts() {
        dailyChart.setId("stats-chart-daily");
        channelChart.setId("stats-chart-channels");
        dailyDetails.setId("stats-chart-daily-data");
        dailyDetails.setSummaryText(getTranslation("stats.chart.data"));
        channelDetails.setId("stats-chart-channels-data");
        channelDetails.setSummaryText(getTranslation("stats.chart.data"));
        var daily = chartCard("stats.chart.daily", dailyChart, dailyDetails);
        var channels = chartCard("stats.chart.channels", channelChart, channelDetails);
        var charts = new Div(daily, channels);
        charts.addClassName("stats-charts");
        return charts;
    }

    private Component chartCard(String titleKey, EChart chart, NativeDetails details) {
        var title = new Span(getTranslation(titleKey));
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
        details.addClassNames(LumoUtility.FontSize.XSMALL);
        var card = new Div(title, chart, details);
        card.addClassNames(
                "stats-chart-card",
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5);
        return card;
    }

    // ------------------------------------------------------------------------------------ behaviour

    private void chosen(String param, String preferenceKey, String value) {
        if (restoring) {
            return;
        }
        if (urlState != null) {
            urlState.put(param, value);
        }
        Tenant.run(
                accountId,
                () -> stats.savePreference(accountId, user.id(), preferenceKey, value, OffsetDateTime.now(clock)));
        refresh();
    }

    private Optional<String> preference(String key) {
        return Tenant.call(accountId, () -> stats.preference(accountId, user.id(), key));
    }

    private void openOptInList() {
        var chosen = source.getValue() == null ? DEFAULT_SOURCE : source.getValue();
        optInDialogs.open(accountId, chosen.channel().orElse(null), zone);
    }

    /** Reads the rollups for the chosen source and range and redraws everything. */
    void refresh() {
        var chosenSource = source.getValue() == null ? DEFAULT_SOURCE : source.getValue();
        var preset = range.getValue() == null ? DEFAULT_RANGE : range.getValue();
        var period = StatsPeriod.of(preset, clock, zone);
        var channels = chosenSource.channels(integrated);
        record Loaded(
                List<StatsRepository.ChannelTotals> totals,
                List<StatsRepository.SeriesPoint> series,
                OptInCounts optIn) {}
        var loaded = Tenant.call(
                accountId,
                () -> new Loaded(
                        stats.totals(accountId, period.range()),
                        channels.isEmpty()
                                ? List.of()
                                : stats.series(accountId, period.range(), channels, preset.monthly()),
                        stats.optInCounts(accountId)));
        var current = StatsSummary.of(chosenSource, integrated, loaded.totals());
        summary = current;
        range.setHelperText(dates(period.range()));
        showOptIn(chosenSource, loaded.optIn());
        showTiles(current, period);
        showCoverage(current);
        channelRows.setItems(current.rows());
        channelRows.setVisible(chosenSource == StatsSource.ALL);
        // The comparison always sets every integrated channel side by side, whatever the source.
        var comparison =
                StatsSummary.of(StatsSource.ALL, integrated, loaded.totals()).rows();
        showCharts(current, comparison, period, loaded.series());
        live.markRefreshed();
    }

    private void showOptIn(StatsSource chosenSource, OptInCounts counts) {
        var locale = getLocale();
        var figure = chosenSource.channel().map(counts::of).orElse(counts.any());
        optInCount.setText(count(figure));
        var sourceName = getTranslation("channel." + chosenSource.name());
        optInCount
                .getElement()
                .setAttribute("aria-label", getTranslation("stats.optin.aria", count(figure), sourceName));
        optInWho.setAriaLabel(getTranslation("stats.optin.who.aria", sourceName));
        if (chosenSource == StatsSource.ALL) {
            var parts = new ArrayList<String>();
            for (var channel : integrated) {
                parts.add(
                        getTranslation("channel." + channel.name()) + " " + Formats.count(counts.of(channel), locale));
            }
            optInBreakdown.setText(String.join(" · ", parts));
            optInBreakdown.setVisible(true);
        } else {
            optInBreakdown.setText("");
            optInBreakdown.setVisible(false);
        }
    }

    private void showTiles(StatsSummary current, StatsPeriod period) {
        var now = current.current();
        var before = current.previous();
        var previousDates = dates(period.previous());
        sentTile.setValue(count(now.sent()), null);
        sentTile.setRate("");
        setChange(sentTile, now.sent(), before.sent(), previousDates);
        deliveredTile.setValue(count(now.delivered()), null);
        deliveredTile.setRate(getTranslation("stats.rate.delivery", text(now, Metric.DELIVERY_RATE)));
        setChange(deliveredTile, now.delivered(), before.delivered(), previousDates);
        if (now.value(Metric.OPENED).isKnown()) {
            var smsIncluded = current.channels().contains(Channel.SMS);
            openedTile.setValue(count(now.opened()), smsIncluded ? getTranslation("stats.opened.all.sms") : null);
            openedTile.setRate(getTranslation("stats.rate.open", text(now, Metric.OPEN_RATE)));
            setChange(openedTile, now.opened(), before.opened(), previousDates);
        } else {
            openedTile.setValue(text(now, Metric.OPENED), reason(now, Metric.OPENED));
            openedTile.setRate(getTranslation("stats.opened.sms.short"));
            openedTile.setChange("", 0, null);
        }
        clickedTile.setValue(count(now.clicked()), null);
        clickedTile.setRate(getTranslation("stats.rate.ctr", text(now, Metric.CLICK_RATE)));
        setChange(clickedTile, now.clicked(), before.clicked(), previousDates);
    }

    private void showCoverage(StatsSummary current) {
        var smsCoverage = current.coverage();
        coverage.setVisible(smsCoverage != null);
        if (smsCoverage == null) {
            coverage.setText("");
        } else if (smsCoverage.allSent() == 0) {
            coverage.setText(getTranslation("stats.coverage.none"));
        } else {
            coverage.setText(getTranslation(
                    "stats.coverage",
                    count(smsCoverage.leftOut()),
                    count(smsCoverage.allSent()),
                    rate(smsCoverage.leftOut(), smsCoverage.allSent()),
                    rate(smsCoverage.countedSent(), smsCoverage.allSent())));
        }
    }

    private void showCharts(
            StatsSummary current,
            List<ChannelRow> comparison,
            StatsPeriod period,
            List<StatsRepository.SeriesPoint> series) {
        Function<String, String> tr = this::getTranslation;
        var monthly = period.preset().monthly();
        var buckets = StatsCharts.buckets(period.range(), monthly, series, getLocale());
        var opens = current.current().opensMeasurable();
        dailyChart.setOption(StatsCharts.dailyOption(buckets, opens, tr));
        var now = current.current();
        dailyChart
                .getElement()
                .setAttribute(
                        "aria-label",
                        getTranslation(
                                monthly ? "stats.chart.daily.aria.monthly" : "stats.chart.daily.aria",
                                dates(period.range()),
                                count(now.sent()),
                                count(now.delivered()),
                                text(now, Metric.OPENED),
                                count(now.clicked())));
        dailyDetails.setContent(dailyTable(buckets, opens));

        channelChart.setOption(StatsCharts.channelOption(comparison, tr));
        var parts = new ArrayList<String>();
        for (var row : comparison) {
            parts.add(channelSummary(row));
        }
        channelChart
                .getElement()
                .setAttribute(
                        "aria-label",
                        getTranslation("stats.chart.channels.aria", dates(period.range()), String.join("; ", parts)));
        channelDetails.setContent(channelTable(comparison));
    }

    private String channelSummary(ChannelRow row) {
        var f = row.current();
        return getTranslation(
                "stats.chart.channels.row",
                getTranslation("channel." + row.channel().name()),
                text(f, Metric.DELIVERY_RATE),
                text(f, Metric.OPEN_RATE),
                text(f, Metric.CLICK_RATE));
    }

    private NativeTable dailyTable(List<StatsCharts.Bucket> buckets, boolean opens) {
        var table = new NativeTable();
        table.setId("stats-chart-daily-table");
        table.setCaptionText(getTranslation("stats.chart.daily"));
        var head = table.getHead().addRow();
        head.addHeaderCell().setText(getTranslation("stats.column.date"));
        head.addHeaderCell().setText(getTranslation("stats.tile.sent"));
        head.addHeaderCell().setText(getTranslation("stats.tile.delivered"));
        if (opens) {
            head.addHeaderCell().setText(getTranslation("stats.tile.opened"));
        }
        head.addHeaderCell().setText(getTranslation("stats.tile.clicked"));
        var body = table.getBody();
        for (var bucket : buckets) {
            var row = body.addRow();
            row.addHeaderCell().setText(bucket.label());
            row.addDataCell().setText(count(bucket.sent()));
            row.addDataCell().setText(count(bucket.delivered()));
            if (opens) {
                row.addDataCell().setText(count(bucket.opened()));
            }
            row.addDataCell().setText(count(bucket.clicked()));
        }
        table.addClassName("stats-data-table");
        return table;
    }

    private NativeTable channelTable(List<ChannelRow> rows) {
        var table = new NativeTable();
        table.setId("stats-chart-channels-table");
        table.setCaptionText(getTranslation("stats.chart.channels"));
        var head = table.getHead().addRow();
        head.addHeaderCell().setText(getTranslation("stats.column.channel"));
        head.addHeaderCell().setText(getTranslation("stats.rate.delivery.short"));
        head.addHeaderCell().setText(getTranslation("stats.rate.open.short"));
        head.addHeaderCell().setText(getTranslation("stats.rate.ctr.short"));
        var body = table.getBody();
        for (var channelRow : rows) {
            var f = channelRow.current();
            var row = body.addRow();
            row.addHeaderCell()
                    .setText(getTranslation("channel." + channelRow.channel().name()));
            row.addDataCell().setText(text(f, Metric.DELIVERY_RATE));
            row.addDataCell().setText(text(f, Metric.OPEN_RATE));
            row.addDataCell().setText(text(f, Metric.CLICK_RATE));
        }
        table.addClassName("stats-data-table");
        return table;
    }

    // ------------------------------------------------------------------------------------ text

    private String count(long value) {
        return Formats.count(value, getLocale());
    }

    private String rate(long part, long whole) {
        return Formats.rate(part, whole, getLocale());
    }

    /** A figure of the metric model as the screen writes it ("—" where unknown). */
    private String text(Funnel funnel, Metric metric) {
        return MetricFormat.text(funnel.value(metric), getLocale());
    }

    /** Why a figure is "—", or null when it is known. */
    private @Nullable String reason(Funnel funnel, Metric metric) {
        var key = MetricFormat.reasonKey(funnel.value(metric));
        return key == null ? null : getTranslation(key);
    }

    /** "▲ +12.3% vs previous period", or a note when the previous period had nothing. */
    private String change(long now, long before) {
        if (before == 0) {
            return getTranslation("stats.change.none");
        }
        var fraction = (double) (now - before) / before;
        var text = Formats.percent(fraction, getLocale());
        var arrow = now > before ? "▲ +" : now < before ? "▼ " : "";
        return getTranslation("stats.change", arrow + text);
    }

    /** The previous period's figure and dates, for the change's tooltip. */
    private String previous(long before, String previousDates) {
        return getTranslation("stats.change.previous", previousDates, count(before));
    }

    private void setChange(StatTile tile, long now, long before, String previousDates) {
        tile.setChange(change(now, before), Long.compare(now, before), previous(before, previousDates));
    }

    private String dates(DateRange dateRange) {
        var format = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(getLocale());
        return dateRange.first().equals(dateRange.last())
                ? format.format(dateRange.first())
                : format.format(dateRange.first()) + " – " + format.format(dateRange.last());
    }

    /** The summary on screen, for tests of this package. */
    @Nullable
    StatsSummary summary() {
        return summary;
    }
}
