package com.mobilemarketing.stats.ui;

import com.mobilemarketing.contacts.ui.OptInDialogs;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.LiveRefresh;
import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsRepository;
import com.mobilemarketing.stats.StatsRepository.OptInCounts;
import com.mobilemarketing.stats.StatsSource;
import com.mobilemarketing.stats.StatsSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    static final String SOURCE_PARAM = "source";
    static final String RANGE_PARAM = "range";
    static final String SOURCE_PREF = "stats.source";
    static final String RANGE_PREF = "stats.range";
    static final StatsSource DEFAULT_SOURCE = StatsSource.ALL;
    static final RangePreset DEFAULT_RANGE = RangePreset.LAST_30_DAYS;

    private final StatsRepository stats;
    private final AttributionRepository attributions;
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
    private final StatsTexts texts;
    private final StatsTiles tiles;
    private final StatsChartCards charts;
    private final Paragraph coverage = new Paragraph();
    private final StatsChannelRows channelRows;

    private @Nullable UrlState urlState;
    private boolean restoring;

    public StatsPanel(
            StatsRepository stats,
            AttributionRepository attributions,
            OptInDialogs optInDialogs,
            LiveUpdates liveUpdates,
            TaskScheduler scheduler,
            Clock clock,
            CurrentUser currentUser) {
        this.stats = stats;
        this.attributions = attributions;
        this.optInDialogs = optInDialogs;
        this.clock = clock;
        this.user = currentUser.get();
        this.accountId = user.requireAccountId();
        this.zone = user.timeZone();
        this.integrated = stats.integratedChannels(accountId);
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
        texts = new StatsTexts(this, getLocale());
        tiles = new StatsTiles(texts);
        charts = new StatsChartCards(texts);
        channelRows = new StatsChannelRows(texts);
        add(createHeader(), createControls(), tiles, createCoverage(), channelRows, charts);
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

    private Component createCoverage() {
        coverage.setId("stats-coverage");
        coverage.addClassNames("stats-coverage", LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        return coverage;
    }

    // ------------------------------------------------------------------------------------ behaviour

    private void chosen(String param, String preferenceKey, String value) {
        if (restoring) {
            return;
        }
        if (urlState != null) {
            urlState.put(param, value);
        }
        stats.savePreference(accountId, user.id(), preferenceKey, value, OffsetDateTime.now(clock));
        refresh();
    }

    private Optional<String> preference(String key) {
        return stats.preference(accountId, user.id(), key);
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
                List<StatsRepository.ChannelRevenue> revenue,
                List<StatsRepository.SeriesPoint> series,
                OptInCounts optIn) {}
        var loaded = new Loaded(
                stats.totals(accountId, period.range()),
                stats.revenue(accountId, period.range()),
                channels.isEmpty() ? List.of() : stats.series(accountId, period.range(), channels, preset.monthly()),
                stats.optInCounts(accountId));
        var currency = attributions.currency(accountId);
        var current = StatsSummary.of(chosenSource, integrated, loaded.totals(), loaded.revenue(), currency);
        range.setHelperText(dates(period.range()));
        showOptIn(chosenSource, loaded.optIn());
        tiles.show(current, period, attributions.attribution(accountId));
        showCoverage(current);
        channelRows.setItems(current.rows());
        channelRows.setVisible(chosenSource == StatsSource.ALL);
        // The comparison always sets every integrated channel side by side, whatever the source.
        var comparison = StatsSummary.of(StatsSource.ALL, integrated, loaded.totals(), loaded.revenue(), currency)
                .rows();
        charts.show(current, comparison, period, loaded.series());
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

    // ------------------------------------------------------------------------------------ text

    private String count(long value) {
        return texts.count(value);
    }

    private String rate(long part, long whole) {
        return texts.rate(part, whole);
    }

    private String dates(DateRange dateRange) {
        return texts.dates(dateRange);
    }
}
