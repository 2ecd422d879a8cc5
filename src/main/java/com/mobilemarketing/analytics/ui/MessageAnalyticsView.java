package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.AnalyticsRepository.FailureGroup;
import com.mobilemarketing.analytics.AnalyticsRepository.LinkClicks;
import com.mobilemarketing.analytics.AnalyticsRepository.MessageHeader;
import com.mobilemarketing.analytics.AnalyticsRepository.RecipientRow;
import com.mobilemarketing.analytics.Latency;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.RecipientsCsv;
import com.mobilemarketing.analytics.SupportRepository;
import com.mobilemarketing.analytics.Timeline;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.live.LiveUpdates;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.ChannelIcons;
import com.mobilemarketing.core.ui.EChart;
import com.mobilemarketing.core.ui.Formats;
import com.mobilemarketing.core.ui.LiveRefresh;
import com.mobilemarketing.core.ui.SafeLinks;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.TaskScheduler;

/**
 * Analytics of one message (product.md §3); read-only for support staff. Every figure is read from
 * message_stats and the analytics rollups; only the recipient lists touch recipient rows, a page
 * at a time by key. A marketer sees only messages of the own account; an unknown, malformed or
 * foreign id gives the same not-found page.
 */
@Route(MessageAnalyticsView.ROUTE)
@PermitAll
@StyleSheet("app/analytics.css")
public class MessageAnalyticsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String ROUTE = "mobile-marketing/messages/:" + MessageAnalyticsView.ID_PARAMETER;
    public static final String ID_PARAMETER = "id";
    /** Query parameter with which support staff name the account when an id is ambiguous. */
    public static final String ACCOUNT_PARAMETER = "account";

    static final String ACTION_VIEW = "VIEW_MESSAGE";
    static final String ACTION_CSV = "DOWNLOAD_RECIPIENTS_CSV";

    /** Room for a date and time on one line ("23 lut 2026, 15:27"; English "Feb 23, 2026, 3:27 PM" wraps). */
    private static final String TIME_WIDTH = "11rem";

    private final AnalyticsRepository repository;
    private final SupportRepository support;
    private final RecipientsDialogs dialogs;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final LiveUpdates liveUpdates;
    private final TaskScheduler scheduler;
    private final KeysetPager pager = new KeysetPager();
    private final List<Component> figures = new ArrayList<>();
    private @Nullable LiveRefresh live;

    private @Nullable MessageHeader message;
    private volatile RecipientFilter recipientFilter = RecipientFilter.all();
    private Grid<RecipientRow> recipients = new Grid<>();
    private List<String> csvHeader = List.of();

    public MessageAnalyticsView(
            AnalyticsRepository repository,
            SupportRepository support,
            RecipientsDialogs dialogs,
            CurrentUser currentUser,
            Clock clock,
            LiveUpdates liveUpdates,
            TaskScheduler scheduler) {
        this.repository = repository;
        this.support = support;
        this.dialogs = dialogs;
        this.currentUser = currentUser;
        this.clock = clock;
        this.liveUpdates = liveUpdates;
        this.scheduler = scheduler;
        addClassName("message-analytics");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var user = currentUser.get();
        var id = event.getRouteParameters().get(ID_PARAMETER).flatMap(MessageAnalyticsView::parseId);
        var found = id.flatMap(messageId -> find(user, messageId, event));
        if (found.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        message = found.get();
        if (user.isSupport()) {
            support.logAccess(user.id(), message.accountId(), message.id(), ACTION_VIEW, OffsetDateTime.now(clock));
        }
        removeAll();
        var messageId = message.id();
        live = new LiveRefresh(
                this,
                liveUpdates,
                scheduler,
                clock,
                message.accountId(),
                change -> change.messageIds().isEmpty() || change.messageIds().contains(messageId),
                () -> refreshFigures(user));
        figures.clear();
        figures.addAll(createFigures(user));
        add(live.ageLabel());
        figures.forEach(this::add);
        add(createRecipients());
    }

    private List<Component> createFigures(AppUser user) {
        return List.of(
                createHeader(user),
                createFunnel(),
                createTimeline(),
                createLatency(),
                createFailureGroups(),
                createLinkClicks());
    }

    /** New events were folded in: re-read the figures (the recipients grid keeps its place). */
    private void refreshFigures(AppUser user) {
        var fresh = createFigures(user);
        for (int i = 0; i < figures.size(); i++) {
            replace(figures.get(i), fresh.get(i));
        }
        figures.clear();
        figures.addAll(fresh);
    }

    private Optional<MessageHeader> find(AppUser user, long messageId, BeforeEnterEvent event) {
        if (!user.isSupport()) {
            var accountId = user.requireAccountId();
            return Tenant.call(accountId, () -> repository.findMessage(accountId, messageId));
        }
        var preferred = event.getLocation()
                .getQueryParameters()
                .getSingleParameter(ACCOUNT_PARAMETER)
                .flatMap(MessageAnalyticsView::parseId)
                .orElse(null);
        return support.accountOfMessage(messageId, preferred)
                .flatMap(accountId -> Tenant.call(accountId, () -> repository.findMessage(accountId, messageId)));
    }

    private static Optional<Long> parseId(String text) {
        if (!text.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    @Override
    public String getPageTitle() {
        var name = message == null ? getTranslation("analytics.title") : message.name();
        return name + " · " + getTranslation("app.name");
    }

    private MessageHeader message() {
        if (message == null) {
            throw new IllegalStateException("No message");
        }
        return message;
    }

    /** Runs a query in the message's account: the marketer's own, or the one support opened. */
    private <T> T inAccount(Supplier<T> query) {
        return Tenant.call(message().accountId(), query);
    }

    // ------------------------------------------------------------------------------ header

    private Component createHeader(AppUser user) {
        var m = message();
        var header = new Div();
        header.setId("message-header");
        header.addClassName("analytics-header");
        if (user.isSupport()) {
            var banner = new Paragraph(getTranslation("analytics.support.banner", m.accountName()));
            banner.setId("support-banner");
            banner.addClassName("support-banner");
            header.add(banner);
        }
        var title = new H2(m.name());
        title.addClassNames(LumoUtility.Margin.Bottom.SMALL);
        var channel = new Span(
                ChannelIcons.icon(m.channel(), this),
                new Span(getTranslation("channel." + m.channel().name())));
        channel.addClassNames("analytics-badge", ChannelIcons.cssClass(m.channel()));
        var type = new Span(getTranslation("type." + m.type().name()));
        type.addClassName("analytics-badge");
        var state = new Span(getTranslation("state." + m.state().name()));
        state.addClassName("analytics-badge");
        var badges = new HorizontalLayout(channel, type, state);
        badges.setAlignItems(FlexComponent.Alignment.CENTER);
        badges.addClassNames(LumoUtility.Gap.SMALL);

        var facts = new Div();
        facts.addClassName("analytics-facts");
        if (m.gatewayName() != null) {
            facts.add(fact(
                    "analytics.header.gateway",
                    m.gatewayName() + " — "
                            + getTranslation(
                                    Boolean.TRUE.equals(m.gatewayCallbacks())
                                            ? "analytics.header.callbacks.yes"
                                            : "analytics.header.callbacks.no")));
        }
        facts.add(fact("analytics.header.owner", m.ownerName()));
        if (m.scheduledAt() != null) {
            facts.add(fact("analytics.header.scheduled", Formats.dateTime(m.scheduledAt(), m.timeZone(), getLocale())));
        }
        facts.add(fact(
                "analytics.header.sent",
                m.sentAt() == null ? Formats.NOT_AVAILABLE : Formats.dateTime(m.sentAt(), m.timeZone(), getLocale())));
        facts.add(fact("analytics.header.zone", m.timeZone().getId()));

        var contentLabel = new H3(getTranslation("analytics.header.content"));
        contentLabel.addClassName("analytics-content-heading");
        var content = new Paragraph(m.content());
        content.setId("message-content");
        content.addClassName("analytics-content");
        header.add(title, badges, facts, contentLabel, content);
        var links = inAccount(() -> repository.linkClicks(m.ref()));
        if (!links.isEmpty()) {
            var list = new Div();
            list.addClassName("analytics-links");
            for (var link : links) {
                list.add(new Div(
                        new Span(getTranslation("analytics.links.link", link.linkNo()) + ": "),
                        SafeLinks.of(link.url())));
            }
            header.add(list);
        }
        return header;
    }

    private Component fact(String labelKey, String value) {
        var label = new Span(getTranslation(labelKey));
        label.addClassName("analytics-fact-label");
        var text = new Span(value);
        text.addClassName("analytics-fact-value");
        return new Div(label, text);
    }

    // ------------------------------------------------------------------------------ funnel

    private Component createFunnel() {
        var m = message();
        var funnel = inAccount(() -> repository.funnel(m.ref()));
        var locale = getLocale();
        var box = new Div();
        box.setId("message-funnel");
        box.addClassName("analytics-funnel");
        box.add(tile("sent", WhoList.SENT, Formats.count(funnel.sent(), locale), null, funnel.sent()));
        if (m.deliveryUnknown()) {
            box.add(tile(
                    "delivered", null, Formats.NOT_AVAILABLE, getTranslation("analytics.funnel.delivery-unknown"), 0));
        } else {
            box.add(tile(
                    "delivered",
                    WhoList.DELIVERED,
                    Formats.count(funnel.delivered(), locale),
                    getTranslation(
                            "analytics.funnel.rate.delivered", Formats.rate(funnel.delivered(), funnel.sent(), locale)),
                    funnel.delivered()));
        }
        if (m.opensMeasurable()) {
            box.add(tile(
                    "opened",
                    WhoList.OPENED,
                    Formats.count(funnel.opened(), locale),
                    getTranslation(
                            "analytics.funnel.rate.opened", Formats.rate(funnel.opened(), funnel.delivered(), locale)),
                    funnel.opened()));
        } else {
            box.add(tile("opened", null, Formats.NOT_AVAILABLE, getTranslation("common.not-available.tooltip"), 0));
        }
        box.add(tile(
                "clicked",
                WhoList.CLICKED,
                Formats.count(funnel.clicked(), locale),
                getTranslation(
                        "analytics.funnel.rate.clicked",
                        m.deliveryUnknown()
                                ? Formats.NOT_AVAILABLE
                                : Formats.rate(funnel.clicked(), funnel.delivered(), locale)),
                funnel.clicked()));
        if (m.deliveryUnknown()) {
            box.add(tile(
                    "undelivered",
                    null,
                    Formats.NOT_AVAILABLE,
                    getTranslation("analytics.funnel.delivery-unknown"),
                    0));
        } else {
            box.add(tile(
                    "undelivered",
                    WhoList.UNDELIVERED,
                    Formats.count(funnel.undelivered(), locale),
                    getTranslation(
                            "analytics.funnel.rate.undelivered",
                            Formats.rate(funnel.undelivered(), funnel.sent(), locale)),
                    funnel.undelivered()));
        }
        if (m.deliveryUnknown()) {
            var note = new Paragraph(getTranslation("analytics.funnel.no-callbacks", m.gatewayName()));
            note.setId("delivery-unknown-note");
            note.addClassName("analytics-note");
            box.add(note);
        }
        return box;
    }

    private Component tile(String key, @Nullable WhoList list, String value, @Nullable String detail, long count) {
        var label = new Span(getTranslation("analytics.funnel." + key));
        label.addClassName("analytics-tile-label");
        var number = new Span(value);
        number.setId("funnel-" + key);
        number.addClassName("analytics-tile-value");
        var tile = new Div(label, number);
        tile.addClassName("analytics-tile");
        if (detail != null) {
            var rate = new Span(detail);
            rate.setId("funnel-" + key + "-detail");
            rate.addClassName("analytics-tile-detail");
            tile.add(rate);
        }
        if (list != null) {
            var who = whoButton(
                    "who-" + key,
                    AnalyticsTexts.listName(this, list),
                    () -> dialogs.open(message(), RecipientFilter.of(list), null));
            who.setEnabled(count > 0);
            tile.add(who);
        }
        return tile;
    }

    private Button whoButton(String id, String listName, Runnable open) {
        var button = new Button(getTranslation("common.who"), VaadinIcon.USERS.create(), e -> open.run());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
        button.setAriaLabel(
                getTranslation("analytics.who.aria", listName, message().name()));
        return button;
    }

    // ------------------------------------------------------------------------------ timeline

    private Component createTimeline() {
        var m = message();
        var points = Timeline.fold(inAccount(() -> repository.timeline(m.ref())), m.sentAt(), m.timeZone());
        var section = section("analytics.timeline.title");
        section.setId("message-timeline");
        if (points.isEmpty()) {
            section.add(new Paragraph(getTranslation("analytics.timeline.empty")));
            return section;
        }
        var hourly = DateTimeFormatter.ofPattern("dd.MM HH:mm", getLocale());
        var daily = DateTimeFormatter.ofPattern("dd.MM", getLocale());
        var labels = new ArrayList<String>();
        var delivered = new ArrayList<Long>();
        var opened = new ArrayList<Long>();
        var clicked = new ArrayList<Long>();
        long sumDelivered = 0;
        long sumOpened = 0;
        long sumClicked = 0;
        for (var point : points) {
            var local = point.start().atZoneSameInstant(m.timeZone());
            labels.add(point.daily() ? daily.format(local) : hourly.format(local));
            delivered.add(point.delivered());
            opened.add(point.opened());
            clicked.add(point.clicked());
            sumDelivered += point.delivered();
            sumOpened += point.opened();
            sumClicked += point.clicked();
        }
        var series = new ArrayList<Map<String, Object>>();
        if (!m.deliveryUnknown()) {
            series.add(series(getTranslation("analytics.funnel.delivered"), delivered, "#2f6fdf"));
        }
        if (m.opensMeasurable()) {
            series.add(series(getTranslation("analytics.funnel.opened"), opened, "#1f9d55"));
        }
        series.add(series(getTranslation("analytics.funnel.clicked"), clicked, "#d97706"));
        var option = new LinkedHashMap<String, Object>();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0));
        option.put("grid", Map.of("left", 50, "right", 20, "top", 40, "bottom", 60));
        option.put("xAxis", Map.of("type", "category", "data", labels));
        option.put("yAxis", Map.of("type", "value", "minInterval", 1));
        option.put("dataZoom", List.of(Map.of("type", "inside"), Map.of("type", "slider", "height", 18)));
        option.put("series", series);
        var chart = new EChart();
        chart.addClassName("analytics-timeline-chart");
        chart.setOption(option);
        chart.getElement()
                .setAttribute(
                        "aria-label",
                        getTranslation(
                                "analytics.timeline.aria",
                                Formats.count(sumDelivered, getLocale()),
                                Formats.count(sumOpened, getLocale()),
                                Formats.count(sumClicked, getLocale()),
                                Timeline.HOURLY_HOURS));
        var hint = new Span(getTranslation("analytics.timeline.hint", Timeline.HOURLY_HOURS));
        hint.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        section.add(hint, chart);
        return section;
    }

    private static Map<String, Object> series(String name, List<Long> data, String color) {
        return Map.of("name", name, "type", "bar", "data", data, "itemStyle", Map.of("color", color));
    }

    // ------------------------------------------------------------------------------ latency

    private Component createLatency() {
        var m = message();
        var histogram = inAccount(() -> repository.latencyHistogram(m.ref()));
        var section = section("analytics.latency.title");
        section.setId("message-latency");
        section.add(latencyRow(
                "delivery",
                m.deliveryUnknown() ? Optional.empty() : Latency.summary(histogram, Latency.DELIVERY),
                m.deliveryUnknown() ? "analytics.funnel.delivery-unknown" : "analytics.latency.none"));
        section.add(latencyRow(
                "read",
                m.opensMeasurable() ? Latency.summary(histogram, Latency.READ) : Optional.empty(),
                m.opensMeasurable() ? "analytics.latency.none" : "common.not-available.tooltip"));
        var note = new Span(getTranslation("analytics.latency.approximate"));
        note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        section.add(note);
        return section;
    }

    private Component latencyRow(String kind, Optional<Latency.Summary> summary, String emptyKey) {
        var label = new Span(getTranslation("analytics.latency." + kind));
        label.addClassName("analytics-fact-label");
        var row = new Div(label);
        row.addClassName("analytics-latency-row");
        if (summary.isEmpty()) {
            var none = new Span(Formats.NOT_AVAILABLE + " " + getTranslation(emptyKey));
            none.setId("latency-" + kind + "-none");
            row.add(none);
            return row;
        }
        var s = summary.get();
        var p50 = new Span(AnalyticsTexts.latency(s.p50Bucket(), getLocale()));
        p50.setId("latency-" + kind + "-p50");
        var p95 = new Span(AnalyticsTexts.latency(s.p95Bucket(), getLocale()));
        p95.setId("latency-" + kind + "-p95");
        row.add(
                new Span("p50 "),
                p50,
                new Span(" · p95 "),
                p95,
                new Span(" · "
                        + getTranslation("analytics.latency.recipients", Formats.count(s.recipients(), getLocale()))));
        return row;
    }

    // ------------------------------------------------------------------------------ failures and links

    private Component createFailureGroups() {
        var m = message();
        var section = section("analytics.failures.title");
        section.setId("failure-groups");
        if (m.deliveryUnknown()) {
            section.add(new Paragraph(getTranslation("analytics.funnel.no-callbacks", m.gatewayName())));
            return section;
        }
        var groups = inAccount(() -> repository.failureGroups(m.ref()));
        if (groups.isEmpty()) {
            section.add(new Paragraph(getTranslation("analytics.failures.none")));
            return section;
        }
        var table = new Div();
        table.addClassName("analytics-table");
        table.getElement().setAttribute("role", "table");
        table.add(tableRow(
                true,
                getTranslation("analytics.failures.code"),
                getTranslation("analytics.failures.reason"),
                getTranslation("analytics.failures.kind"),
                getTranslation("analytics.failures.recipients"),
                ""));
        int i = 0;
        for (FailureGroup group : groups) {
            var code = group.errorCode().isEmpty() ? Formats.NOT_AVAILABLE : group.errorCode();
            var listName = getTranslation("analytics.failures.list", code);
            var who = whoButton(
                    "failure-who-" + i++,
                    listName,
                    () -> dialogs.open(
                            message(), RecipientFilter.failureGroup(group.errorCode(), group.permanent()), listName));
            var row = tableRow(
                    false,
                    code,
                    AnalyticsTexts.errorDescription(this, group.errorCode()),
                    getTranslation(group.permanent() ? "analytics.failures.permanent" : "analytics.failures.temporary"),
                    Formats.count(group.recipients(), getLocale()),
                    null);
            row.add(cell(who));
            row.addClassName("failure-group");
            table.add(row);
        }
        section.add(table);
        return section;
    }

    private Component createLinkClicks() {
        var m = message();
        var section = section("analytics.links.title");
        section.setId("link-clicks");
        List<LinkClicks> links = inAccount(() -> repository.linkClicks(m.ref()));
        if (links.isEmpty()) {
            section.add(new Paragraph(getTranslation("analytics.links.none")));
            return section;
        }
        var table = new Div();
        table.addClassName("analytics-table");
        table.getElement().setAttribute("role", "table");
        table.add(tableRow(
                true,
                getTranslation("analytics.links.no"),
                getTranslation("analytics.links.url"),
                getTranslation("analytics.links.clicks"),
                getTranslation("analytics.links.unique"),
                ""));
        for (var link : links) {
            var listName = getTranslation("analytics.links.list", link.linkNo());
            var who = whoButton(
                    "link-who-" + link.linkNo(),
                    listName,
                    () -> dialogs.open(message(), RecipientFilter.linkClickers(link.linkNo()), listName));
            who.setEnabled(link.uniqueClickers() > 0);
            var row = tableRow(
                    false,
                    Short.toString(link.linkNo()),
                    link.url(),
                    Formats.count(link.clicks(), getLocale()),
                    Formats.count(link.uniqueClickers(), getLocale()),
                    null);
            row.add(cell(who));
            row.addClassName("link-row");
            row.setId("link-" + link.linkNo());
            table.add(row);
        }
        section.add(table);
        return section;
    }

    private Div tableRow(boolean header, String... cells) {
        var row = new Div();
        row.addClassName(header ? "analytics-table-head" : "analytics-table-row");
        row.getElement().setAttribute("role", "row");
        for (var text : cells) {
            if (text == null) {
                continue;
            }
            var cell = cell(new Span(text));
            cell.getElement().setAttribute("role", header ? "columnheader" : "cell");
            row.add(cell);
        }
        return row;
    }

    private static Div cell(Component content) {
        var cell = new Div(content);
        cell.addClassName("analytics-table-cell");
        cell.getElement().setAttribute("role", "cell");
        return cell;
    }

    private VerticalLayout section(String titleKey) {
        var section = new VerticalLayout(new H3(getTranslation(titleKey)));
        section.setPadding(false);
        section.setSpacing(false);
        section.addClassName("analytics-section");
        return section;
    }

    // ------------------------------------------------------------------------------ recipients

    private Component createRecipients() {
        var m = message();
        var section = section("analytics.recipients.title");
        var status = new Select<WhoList>();
        status.setId("recipients-status-filter");
        status.setLabel(getTranslation("analytics.recipients.status"));
        status.setItems(availableLists(m));
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("analytics.list.all"));
        status.setItemLabelGenerator(
                list -> list == null ? getTranslation("analytics.list.all") : AnalyticsTexts.listName(this, list));
        status.addValueChangeListener(e -> {
            recipientFilter = recipientFilter.withList(e.getValue());
            refreshRecipients();
        });
        var search = new TextField(getTranslation("analytics.recipients.search"));
        search.setId("recipients-search");
        search.addClassName("analytics-recipients-search");
        search.setMaxLength(RecipientFilter.MAX_SEARCH_LENGTH);
        search.setClearButtonVisible(true);
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> {
            try {
                recipientFilter = recipientFilter.withSearch(e.getValue());
                refreshRecipients();
            } catch (IllegalArgumentException ex) {
                Notification.show(getTranslation("analytics.search.too-long", RecipientFilter.MAX_SEARCH_LENGTH));
            }
        });
        var csv = new Anchor((DownloadEvent event) -> downloadCsv(event), "");
        csv.setId("recipients-csv");
        csv.add(VaadinIcon.DOWNLOAD.create(), new Span(getTranslation("analytics.recipients.csv")));
        csv.getElement().setAttribute("aria-label", getTranslation("analytics.recipients.csv.aria", m.name()));
        csv.addClassName("analytics-csv");
        var toolbar = new HorizontalLayout(status, search, csv);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        // The view is reused when only the id changes: build a fresh grid each time.
        recipients = new Grid<>();
        recipientFilter = RecipientFilter.all();
        recipients.setId("recipients-grid");
        recipients
                .addColumn(RecipientRow::name)
                .setHeader(getTranslation("analytics.col.contact"))
                .setKey("name")
                .setWidth("12rem")
                .setFrozen(true);
        recipients
                .addColumn(RecipientRow::phone)
                .setHeader(getTranslation("analytics.col.phone"))
                .setKey("phone")
                .setWidth("10rem")
                .setFlexGrow(0);
        recipients
                .addColumn(row ->
                        getTranslation("analytics.status." + row.status().name().toLowerCase(Locale.ROOT)))
                .setHeader(getTranslation("analytics.col.status"))
                .setKey("status")
                .setWidth("11.5rem")
                .setFlexGrow(0);
        recipients
                .addColumn(row -> time(row.sentAt()))
                .setHeader(getTranslation("analytics.col.sent"))
                .setKey("sent")
                .setWidth(TIME_WIDTH)
                .setFlexGrow(0);
        recipients
                .addColumn(row -> time(row.deliveredAt()))
                .setHeader(getTranslation("analytics.col.delivered"))
                .setKey("delivered")
                .setWidth(TIME_WIDTH)
                .setFlexGrow(0);
        recipients
                .addColumn(row -> time(row.openedAt()))
                .setHeader(getTranslation("analytics.col.opened"))
                .setKey("opened")
                .setWidth(TIME_WIDTH)
                .setFlexGrow(0);
        recipients
                .addColumn(row -> time(row.clickedAt()))
                .setHeader(getTranslation("analytics.col.clicked"))
                .setKey("clicked")
                .setWidth(TIME_WIDTH)
                .setFlexGrow(0);
        recipients
                .addColumn(row -> time(row.failedAt()))
                .setHeader(getTranslation("analytics.col.failed"))
                .setKey("failed")
                .setWidth(TIME_WIDTH)
                .setFlexGrow(0);
        recipients
                .addColumn(row -> row.errorCode() == null
                        ? ""
                        : row.errorCode() + " — " + AnalyticsTexts.errorDescription(this, row.errorCode()))
                .setHeader(getTranslation("analytics.col.error"))
                .setKey("error")
                .setWidth("16rem")
                .setFlexGrow(2);
        // Whole values rather than "+48 743 …" and "23 lut 20…": the grid scrolls sideways instead,
        // with the contact kept in view.
        recipients.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        recipients.setPageSize(50);
        recipients.setHeight("32rem");
        recipients.setColumnReorderingAllowed(true);
        csvHeader = csvHeader();
        refreshRecipients();
        section.add(toolbar, recipients);
        return section;
    }

    private static List<WhoList> availableLists(MessageHeader m) {
        var lists = new ArrayList<WhoList>();
        lists.add(WhoList.SENT);
        if (!m.deliveryUnknown()) {
            lists.add(WhoList.DELIVERED);
        }
        if (m.opensMeasurable()) {
            lists.add(WhoList.OPENED);
        }
        lists.add(WhoList.CLICKED);
        if (!m.deliveryUnknown()) {
            lists.add(WhoList.UNDELIVERED);
        }
        return lists;
    }

    private String time(@Nullable OffsetDateTime time) {
        return Formats.dateTime(time, message().timeZone(), getLocale());
    }

    private void refreshRecipients() {
        pager.reset();
        var ref = message().ref();
        var filter = recipientFilter;
        if (filter.hasSearch()) {
            // Size of a searched list is not maintained: the grid pages on without a known end.
            recipients.setItems(query -> pager.fetch(
                    query.getOffset(),
                    query.getLimit(),
                    (afterKey, skip, limit) ->
                            inAccount(() -> repository.findRecipients(ref, filter, afterKey, skip, limit))));
        } else {
            var size = inAccount(() -> repository.total(ref, filter));
            recipients.setItems(
                    query -> pager.fetch(
                            query.getOffset(),
                            query.getLimit(),
                            (afterKey, skip, limit) ->
                                    inAccount(() -> repository.findRecipients(ref, filter, afterKey, skip, limit))),
                    query -> (int) Math.min(size, Integer.MAX_VALUE));
        }
    }

    private List<String> csvHeader() {
        return List.of(
                        "analytics.csv.contact-id",
                        "analytics.csv.name",
                        "analytics.csv.phone",
                        "analytics.csv.optin",
                        "analytics.csv.status",
                        "analytics.csv.sent",
                        "analytics.csv.delivered",
                        "analytics.csv.opened",
                        "analytics.csv.clicked",
                        "analytics.csv.failed",
                        "analytics.csv.error-code",
                        "analytics.csv.error-kind")
                .stream()
                .map(this::getTranslation)
                .toList();
    }

    /** Streams the filtered recipients as CSV; runs on the download request, not the UI thread. */
    void downloadCsv(DownloadEvent event) throws IOException {
        var m = message();
        event.setFileName("message-" + m.id() + "-recipients.csv");
        event.setContentType("text/csv;charset=UTF-8");
        try (var out = event.getOutputStream()) {
            writeCsv(out);
        }
    }

    /** Writes the CSV of the current filter; returns the number of recipient rows. */
    long writeCsv(OutputStream out) {
        var m = message();
        var filter = recipientFilter;
        var header = csvHeader;
        var user = currentUser.find();
        if (user.isPresent() && user.get().isSupport()) {
            support.logAccess(user.get().id(), m.accountId(), m.id(), ACTION_CSV, OffsetDateTime.now(clock));
        }
        return inAccount(() -> RecipientsCsv.write(repository, m.ref(), filter, header, out));
    }
}
