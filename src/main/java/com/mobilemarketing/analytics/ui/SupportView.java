package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.alerts.ui.AlertsPanel;
import com.mobilemarketing.analytics.SupportRepository;
import com.mobilemarketing.analytics.SupportRepository.AccessLogRow;
import com.mobilemarketing.analytics.SupportRepository.MessageHit;
import com.mobilemarketing.analytics.SupportRepository.MisroutedReport;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The support staff's page: find a message of any account (by id, provider message id, account
 * name or message name) and open its analytics read-only; every open is logged and the recent
 * log is shown here.
 */
@Route(SupportView.ROUTE)
@Menu(order = 10, title = "nav.support", icon = "LIFEBUOY")
@RolesAllowed("SUPPORT")
@StyleSheet("app/analytics.css")
public class SupportView extends VerticalLayout implements HasDynamicTitle {

    public static final String ROUTE = "support";
    static final int LOG_ROWS = 50;
    static final int MISROUTED_ROWS = 50;

    private final SupportRepository support;
    /** Support works across accounts: times on this page are shown in the signed-in user's zone. */
    private final ZoneId zone;

    private final TextField search = new TextField();
    private final Grid<MessageHit> results = new Grid<>();
    private final Grid<AccessLogRow> log = new Grid<>();
    private final Grid<MisroutedReport> misrouted = new Grid<>();

    public SupportView(SupportRepository support, AlertsPanel alerts, CurrentUser currentUser) {
        this.support = support;
        this.zone = currentUser.get().timeZone();
        add(
                new H2(getTranslation("support.title")),
                new Paragraph(getTranslation("support.intro")),
                new H3(getTranslation("alerts.support.title")),
                alerts,
                createSearch(),
                createResults(),
                createLog(),
                createMisrouted());
        refreshLog();
        misrouted.setItems(support.misroutedReports(MISROUTED_ROWS));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("support.title") + " · " + getTranslation("app.name");
    }

    private Component createSearch() {
        search.setId("support-search");
        search.setLabel(getTranslation("support.search.label"));
        search.setPlaceholder(getTranslation("support.search.placeholder"));
        search.setMaxLength(SupportRepository.MAX_SEARCH_LENGTH);
        search.setClearButtonVisible(true);
        search.setWidth("32rem");
        search.addKeyPressListener(com.vaadin.flow.component.Key.ENTER, e -> runSearch());
        var button = new Button(getTranslation("common.search"), AppIcon.SEARCH.create(), e -> runSearch());
        button.setId("support-search-button");
        button.addThemeVariants(ButtonVariant.PRIMARY);
        var bar = new HorizontalLayout(search, button);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        return bar;
    }

    private Component createResults() {
        results.setId("support-results");
        column(results, MessageHit::accountName, "support.col.account", "account");
        column(results, MessageHit::messageId, "support.col.message-id", "id");
        results.addComponentColumn(hit -> {
                    var link = new RouterLink(
                            hit.messageName(),
                            MessageAnalyticsView.class,
                            new RouteParameters(MessageAnalyticsView.ID_PARAMETER, Long.toString(hit.messageId())));
                    link.setQueryParameters(QueryParameters.simple(
                            Map.of(MessageAnalyticsView.ACCOUNT_PARAMETER, Long.toString(hit.accountId()))));
                    return link;
                })
                .setHeader(getTranslation("support.col.message"))
                .setKey("name")
                .setFlexGrow(3);
        column(results, hit -> getTranslation("channel." + hit.channel().name()), "support.col.channel", "channel");
        column(results, hit -> getTranslation("type." + hit.type().name()), "support.col.type", "type");
        column(results, hit -> Formats.dateTime(hit.sentAt(), zone, getLocale()), "support.col.sent", "sent");
        results.addItemClickListener(e -> open(e.getItem()));
        results.setAllRowsVisible(true);
        results.setItems(List.of());
        return results;
    }

    private Component createLog() {
        log.setId("support-log");
        column(log, row -> Formats.dateTime(row.accessedAt(), zone, getLocale()), "support.log.when", "when");
        column(log, AccessLogRow::supportUser, "support.log.who", "who");
        column(log, AccessLogRow::accountName, "support.col.account", "account");
        column(
                log,
                row -> row.messageId() == null ? "" : row.messageId().toString(),
                "support.col.message-id",
                "message");
        column(
                log,
                row -> getTranslation("support.action."
                        + row.action().toLowerCase(java.util.Locale.ROOT).replace('_', '-')),
                "support.log.action",
                "action");
        log.setAllRowsVisible(true);
        return new VerticalLayout(new H3(getTranslation("support.log.title")), log);
    }

    /**
     * Signed delivery reports that carried the provider message id of another integration's message
     * and were therefore not applied: a sign of a misconfigured or compromised integration.
     */
    private Component createMisrouted() {
        misrouted.setId("support-misrouted");
        column(
                misrouted,
                row -> Formats.dateTime(row.receivedAt(), zone, getLocale()),
                "support.misrouted.received",
                "received");
        column(misrouted, MisroutedReport::accountName, "support.col.account", "account");
        column(misrouted, this::cameThrough, "support.misrouted.came-through", "cameThrough");
        column(misrouted, MisroutedReport::providerMessageId, "support.misrouted.provider-id", "providerId");
        column(
                misrouted,
                row -> getTranslation("support.misrouted.status." + row.status()),
                "support.misrouted.status",
                "status");
        column(
                misrouted,
                row -> row.messageId() == null ? "" : row.messageId().toString(),
                "support.col.message-id",
                "message");
        column(
                misrouted,
                row -> row.messageChannel() == null
                        ? ""
                        : getTranslation("channel." + row.messageChannel().name()),
                "support.misrouted.message-channel",
                "messageChannel");
        misrouted.setAllRowsVisible(true);
        return new VerticalLayout(
                new H3(getTranslation("support.misrouted.title")),
                new Paragraph(getTranslation("support.misrouted.intro", MISROUTED_ROWS)),
                misrouted);
    }

    /** The integration a report came through: an SMS gateway by name, else the messenger channel. */
    private String cameThrough(MisroutedReport row) {
        if (row.gatewayName() != null) {
            return getTranslation("channel.SMS") + " · " + row.gatewayName();
        }
        return getTranslation("channel." + row.provider().toUpperCase(java.util.Locale.ROOT));
    }

    private void runSearch() {
        try {
            var hits = support.search(search.getValue());
            results.setItems(hits);
            if (hits.isEmpty() && !search.getValue().isBlank()) {
                Notification.show(getTranslation("support.search.none"));
            }
        } catch (IllegalArgumentException e) {
            Notification.show(getTranslation("support.search.too-long", SupportRepository.MAX_SEARCH_LENGTH));
        }
    }

    private void open(MessageHit hit) {
        getUI().ifPresent(ui -> ui.navigate(
                MessageAnalyticsView.class,
                new RouteParameters(MessageAnalyticsView.ID_PARAMETER, Long.toString(hit.messageId())),
                QueryParameters.simple(
                        Map.of(MessageAnalyticsView.ACCOUNT_PARAMETER, Long.toString(hit.accountId())))));
    }

    private void refreshLog() {
        log.setItems(support.recentLog(LOG_ROWS));
    }

    /** A column of {@code grid} headed by the text of {@code headerKey}. */
    private <T> void column(Grid<T> grid, ValueProvider<T, ?> value, String headerKey, String key) {
        grid.addColumn(value).setHeader(getTranslation(headerKey)).setKey(key);
    }
}
