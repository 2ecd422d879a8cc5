package com.mobilemarketing.stats.ui;

import com.mobilemarketing.contacts.ui.OptInDialogs;
import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.core.ui.AttributionTexts;
import com.mobilemarketing.core.ui.LiveContext;
import com.mobilemarketing.core.ui.LiveRefresh;
import com.mobilemarketing.core.ui.PartsBelow;
import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.ReachRepository;
import com.mobilemarketing.stats.SendTimes;
import com.mobilemarketing.stats.StatsComparison;
import com.mobilemarketing.stats.StatsPeriod;
import com.mobilemarketing.stats.StatsRepository;
import com.mobilemarketing.stats.StatsSource;
import com.mobilemarketing.stats.StatsSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;

/**
 * Message analytics at the top of the dashboard (product.md §1): source [1], opt-in contacts with
 * "Who?" [2], time range [3], tiles Sent / Delivered / Opened / Clicked [4]–[7] with rates and the
 * change against the previous period, a row per channel under "All", the unique recipients of the
 * range (estimated from sketches), two charts, the heat map and the channel overlap of today's
 * opt-ins. Every figure is read from the rollups; the panel refreshes itself when the account's
 * numbers change. The header, the controls and the tiles come in the page's first response, the
 * parts below them in the next ({@link PartsBelow}). Somewhat over 400 lines because it holds the controls (source, range with its
 * custom days, comparison) and the refresh that re-reads every part; what the controls open with is
 * {@link StatsChoice}, and the parts (tiles, channel rows, charts, heat map, opt-in, coverage,
 * reach, overlap) are components of their own.
 */
@SpringComponent
@Scope("prototype")
@StyleSheet("app/stats.css")
public class StatsPanel extends Section {

    static final String SOURCE_PARAM = "source";
    static final String RANGE_PARAM = "range";
    static final String FROM_PARAM = "from";
    static final String TO_PARAM = "to";
    static final String COMPARE_PARAM = "compare";
    static final String SOURCE_PREF = "stats.source";
    static final String RANGE_PREF = "stats.range";
    static final String CUSTOM_PREF = "stats.custom";
    static final String COMPARE_PREF = "stats.compare";
    static final StatsSource DEFAULT_SOURCE = StatsSource.ALL;
    static final RangePreset DEFAULT_RANGE = RangePreset.LAST_30_DAYS;
    static final StatsComparison DEFAULT_COMPARISON = StatsComparison.PREVIOUS_PERIOD;

    private final StatsRepository stats;
    private final AttributionRepository attributions;
    private final OptInDialogs optInDialogs;
    private final Clock clock;
    private final AppUser user;
    private final long accountId;
    private final Set<Channel> integrated;

    private final Select<StatsSource> source = new Select<>();
    /** A preset's name or {@link RangePreset#CUSTOM}. */
    private final Select<String> range = new Select<>();

    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Select<StatsComparison> compare = new Select<>();
    private final LiveRefresh live;
    private final Span updated;
    private final StatsTexts texts;
    private final StatsTiles tiles;
    private final StatsChartCards charts;
    private final StatsOptIn optIn;
    private final StatsCoverage coverage;
    private final StatsChannelRows channelRows;
    /** The attribution of the channel rows' orders and revenue, under the rows. */
    private final Span channelAttribution = new Span();
    /** Source, opt-ins, range and comparison; the custom range's date fields join it when first shown. */
    private final Div controls = new Div();
    /** The parts below the tiles, sent right after the first response (the tiles come first). */
    private final PartsBelow below;

    private final StatsHeatMap heatMap;
    private final StatsOverlap overlap;
    private final ReachRepository reach;
    private final StatsReach uniqueRecipients;

    private @Nullable UrlState urlState;
    /** The last reading of the rollups: the tiles show it, and the parts below are drawn from it. */
    private @Nullable Reading reading;

    private boolean restoring;
    /** The custom range last chosen (shown while "Własny zakres" is selected). */
    private @Nullable DateRange custom;

    public StatsPanel(
            StatsRepository stats,
            AttributionRepository attributions,
            OptInDialogs optInDialogs,
            ReachRepository reach,
            LiveContext liveContext,
            CurrentUser currentUser) {
        this.stats = stats;
        this.reach = reach;
        this.attributions = attributions;
        this.optInDialogs = optInDialogs;
        this.clock = liveContext.clock();
        this.user = currentUser.get();
        this.accountId = user.requireAccountId();
        this.integrated = stats.integratedChannels(accountId);
        this.live = liveContext.keepLive(this, accountId, change -> true, this::refresh);
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
        heatMap = new StatsHeatMap(texts);
        optIn = new StatsOptIn(texts, integrated, this::openOptInList);
        coverage = new StatsCoverage(texts);
        uniqueRecipients = new StatsReach(texts);
        overlap = new StatsOverlap(texts, integrated, part -> optInDialogs.open(accountId, part, user.timeZone()));
        channelAttribution.setId("stats-channel-attribution");
        channelAttribution.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        below = new PartsBelow(parts -> {
            parts.add(uniqueRecipients, coverage, channelRows, channelAttribution, charts, heatMap, overlap);
            var last = reading;
            if (last == null) {
                refresh(); // not read yet: reads, and draws the parts below too
            } else {
                showBelow(last);
            }
        });
        add(createHeader(), createControls(), tiles, below);
    }

    /**
     * Reads source, range (a preset, or a custom range with its first and last day) and comparison
     * from the URL, else the user's last choice, else the defaults, and shows them. A bad value in
     * the URL gives a notification and the fallback, never an error page.
     */
    public void show(UrlState urlState) {
        this.urlState = urlState;
        var choice = StatsChoice.resolve(urlState, this::preference, integrated, today());
        custom = choice.custom();
        restoring = true;
        try {
            source.setValue(choice.source());
            range.setValue(choice.range());
            compare.setValue(choice.comparison());
            showCustomFields();
        } finally {
            restoring = false;
        }
        urlState.put(SOURCE_PARAM, choice.source().name());
        urlState.put(RANGE_PARAM, choice.range());
        putCustomDates();
        urlState.put(COMPARE_PARAM, choice.comparison().name());
        if (choice.invalidUrl()) {
            warn(getTranslation("stats.url.invalid"));
        }
        refresh();
    }

    private LocalDate today() {
        return StatsPeriod.today(clock, user.timeZone());
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
        range.setItems(RangePreset.choices());
        range.setItemLabelGenerator(key -> getTranslation("range." + key));
        range.setValue(DEFAULT_RANGE.name());
        range.addValueChangeListener(event -> {
            if (event.getValue() != null && !restoring) {
                if (RangePreset.CUSTOM.equals(event.getValue()) && custom == null) {
                    // Start from the range shown so far, which is always a valid one.
                    custom = StatsPeriod.parsePreset(event.getOldValue())
                            .orElse(DEFAULT_RANGE)
                            .range(today());
                    saveCustom();
                }
                restoring = true;
                try {
                    showCustomFields();
                } finally {
                    restoring = false;
                }
                putCustomDates();
                chosen(RANGE_PARAM, RANGE_PREF, event.getValue());
            }
        });
        from.setId("stats-from");
        from.setLabel(getTranslation("stats.custom.from"));
        to.setId("stats-to");
        to.setLabel(getTranslation("stats.custom.to"));
        for (var picker : List.of(from, to)) {
            picker.setLocale(getLocale());
            picker.setMax(today());
            picker.addClassName("stats-date");
            picker.addValueChangeListener(event -> customDatesChanged());
        }
        compare.setId("stats-compare");
        compare.addClassName("stats-compare");
        compare.setLabel(getTranslation("stats.compare"));
        compare.setItems(StatsComparison.values());
        compare.setItemLabelGenerator(c -> getTranslation(c.labelKey()));
        compare.setValue(DEFAULT_COMPARISON);
        compare.addValueChangeListener(event -> {
            if (event.getValue() != null) {
                chosen(COMPARE_PARAM, COMPARE_PREF, event.getValue().name());
            }
        });

        // The date fields are added when a custom range is first shown: most visits never show them,
        // and each is a heavy element of the page's first response.
        controls.add(source, optIn, range, compare);
        controls.addClassNames(
                "stats-controls",
                LumoUtility.Display.FLEX,
                LumoUtility.FlexWrap.WRAP,
                LumoUtility.AlignItems.END,
                LumoUtility.Gap.LARGE);
        return controls;
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

    /** Shows the date fields with the custom range while "Własny zakres" is chosen. */
    private void showCustomFields() {
        var customChosen = RangePreset.CUSTOM.equals(range.getValue()) && custom != null;
        if (customChosen && from.getParent().isEmpty()) {
            var afterRange = controls.indexOf(range) + 1;
            controls.addComponentAtIndex(afterRange, from);
            controls.addComponentAtIndex(afterRange + 1, to);
        }
        from.setVisible(customChosen);
        to.setVisible(customChosen);
        if (customChosen) {
            from.setValue(custom.first());
            to.setValue(custom.last());
        }
    }

    private void putCustomDates() {
        if (urlState == null) {
            return;
        }
        var customChosen = RangePreset.CUSTOM.equals(range.getValue()) && custom != null;
        urlState.put(FROM_PARAM, customChosen ? custom.first().toString() : null);
        urlState.put(TO_PARAM, customChosen ? custom.last().toString() : null);
    }

    /** A changed first or last day: shown when the range can be, else a notification and nothing changes. */
    private void customDatesChanged() {
        if (restoring || !RangePreset.CUSTOM.equals(range.getValue())) {
            return;
        }
        var problem = StatsPeriod.customRangeProblem(from.getValue(), to.getValue(), today());
        if (problem.isPresent()) {
            warn(getTranslation(problem.get(), StatsPeriod.MAX_CUSTOM_MONTHS));
            return;
        }
        custom = new DateRange(from.getValue(), to.getValue());
        saveCustom();
        putCustomDates();
        // Dates the user picked are a choice of the custom range, also when it came from a link.
        chosen(RANGE_PARAM, RANGE_PREF, RangePreset.CUSTOM);
    }

    private void saveCustom() {
        if (custom != null) {
            stats.savePreference(
                    accountId, user.id(), CUSTOM_PREF, custom.first() + "/" + custom.last(), OffsetDateTime.now(clock));
        }
    }

    private void warn(String text) {
        Notification.show(text, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_WARNING);
    }

    /** The chosen range and comparison resolved against today. */
    private StatsPeriod period() {
        var comparison = compare.getValue() == null ? DEFAULT_COMPARISON : compare.getValue();
        if (RangePreset.CUSTOM.equals(range.getValue()) && custom != null) {
            return StatsPeriod.custom(custom, clock, user.timeZone(), comparison);
        }
        var preset = StatsPeriod.parsePreset(range.getValue()).orElse(DEFAULT_RANGE);
        return StatsPeriod.of(preset, clock, user.timeZone(), comparison);
    }

    private Optional<String> preference(String key) {
        return stats.preference(accountId, user.id(), key);
    }

    private void openOptInList() {
        var chosen = source.getValue() == null ? DEFAULT_SOURCE : source.getValue();
        optInDialogs.open(accountId, chosen.channel().orElse(null), user.timeZone());
    }

    /** What one refresh read: the chosen source and range, and the funnels of the chosen and of all channels. */
    private record Reading(
            StatsSource source,
            StatsPeriod period,
            StatsSummary current,
            StatsSummary comparison,
            @Nullable String currency,
            Attribution attribution) {}

    /** Reads the rollups for the chosen source and range and redraws everything shown. */
    void refresh() {
        var chosenSource = source.getValue() == null ? DEFAULT_SOURCE : source.getValue();
        var period = period();
        var totals = stats.totals(accountId, period.range(), period.previous());
        var revenue = stats.revenue(accountId, period.range(), period.previous());
        var costs = stats.costs(accountId, period.range(), period.previous());
        var currency = attributions.currency(accountId);
        var attribution = attributions.attribution(accountId);
        var current = StatsSummary.of(chosenSource, integrated, totals, revenue, costs, currency);
        // The comparison always sets every integrated channel side by side, whatever the source.
        var comparison = StatsSummary.of(StatsSource.ALL, integrated, totals, revenue, costs, currency);
        var read = new Reading(chosenSource, period, current, comparison, currency, attribution);
        reading = read;
        range.setHelperText(texts.dates(period.range()));
        optIn.show(chosenSource, stats.optInCounts(accountId));
        tiles.show(current, period, attribution);
        if (below.shown()) {
            showBelow(read);
        }
        live.markRefreshed();
    }

    /** Draws the parts below the tiles from the tiles' reading, with the series they need besides. */
    private void showBelow(Reading reading) {
        var chosenSource = reading.source();
        var period = reading.period();
        var current = reading.current();
        var attribution = reading.attribution();
        var channels = chosenSource.channels(integrated);
        var any = !channels.isEmpty();
        coverage.show(current);
        channelRows.show(current.rows(), period);
        channelRows.setVisible(chosenSource == StatsSource.ALL);
        channelAttribution.setText(getTranslation("stats.attribution.note", AttributionTexts.label(this, attribution)));
        channelAttribution.setTitle(AttributionTexts.detail(this, attribution));
        channelAttribution.setVisible(chosenSource == StatsSource.ALL);
        charts.show(
                current,
                reading.comparison().rows(),
                period,
                any ? stats.series(accountId, period.range(), channels, period.monthly()) : List.of(),
                any ? stats.series(accountId, period.previous(), channels, false) : List.of(),
                reading.currency(),
                attribution);
        charts.showConsent(
                period, any ? stats.consentSeries(accountId, period.range(), channels, period.monthly()) : List.of());
        heatMap.show(
                SendTimes.of(any ? stats.sendTimes(accountId, period.range(), channels) : List.of(), channels),
                channels);
        overlap.show(stats.overlap(accountId));
        uniqueRecipients.show(
                reach.uniqueRecipients(accountId, period.range(), channels),
                getTranslation("channel." + chosenSource.name()));
    }
}
