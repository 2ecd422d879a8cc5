package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository.MessageHeader;
import com.mobilemarketing.analytics.SupportRepository;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.HomeView;
import com.mobilemarketing.core.ui.LiveContext;
import com.mobilemarketing.core.ui.LiveRefresh;
import com.mobilemarketing.core.ui.PartsBelow;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Analytics of one message (product.md §3); read-only for support staff. Every figure is read from
 * message_stats and the analytics rollups; only the recipient lists touch recipient rows, a page
 * at a time by key. The header, the funnel and the recipients grid come in the first response,
 * the sections between them in the next ({@link PartsBelow}). A marketer sees only messages of the own account; an unknown, malformed or
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

    private final AnalyticsSources sources;
    private final SupportRepository support;
    private final RecipientsDialogs dialogs;
    private final CurrentUser currentUser;
    private final LiveContext liveContext;
    /** The figures of the first screen: the header and the funnel. */
    private final List<Component> figures = new ArrayList<>();
    /** The figures below them (campaign, orders, timeline, latency, failures, links), sent next. */
    private @Nullable PartsBelow below;

    private @Nullable LiveRefresh live;

    private @Nullable MessageHeader message;
    private @Nullable AnalyticsRecipients recipients;

    public MessageAnalyticsView(
            AnalyticsSources sources,
            SupportRepository support,
            RecipientsDialogs dialogs,
            CurrentUser currentUser,
            LiveContext liveContext) {
        this.sources = sources;
        this.support = support;
        this.dialogs = dialogs;
        this.currentUser = currentUser;
        this.liveContext = liveContext;
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
            support.logAccess(
                    user.id(), message.accountId(), message.id(), ACTION_VIEW, OffsetDateTime.now(liveContext.clock()));
        }
        removeAll();
        // Entered again with another id, this view stays attached: the old message's refresh ends here.
        if (live != null) {
            live.close();
        }
        var messageId = message.id();
        live = liveContext.keepLive(
                this,
                message.accountId(),
                change -> change.messageIds().isEmpty() || change.messageIds().contains(messageId),
                () -> refreshFigures(user));
        figures.clear();
        figures.addAll(createFigures(user));
        below = new PartsBelow(parts -> parts.add(createFiguresBelow(user)));
        add(createBackLink(user, event.getLocation().getQueryParameters()));
        add(live.ageLabel());
        figures.forEach(this::add);
        add(below);
        var page = page();
        recipients = new AnalyticsRecipients(page, () -> logCsvAccess(page.message()));
        add(recipients.create());
    }

    /**
     * Back to where the message was opened: the marketer's list with the tab, filters and search it
     * had (the list passes its URL parameters along), or the support search.
     */
    private Component createBackLink(AppUser user, QueryParameters listState) {
        var query = listState.getQueryString();
        var href = user.isSupport()
                ? HomeView.SUPPORT_ROUTE
                : HomeView.DASHBOARD_ROUTE + (query.isEmpty() ? "" : "?" + query);
        var back = new Anchor(href, getTranslation("analytics.back"));
        back.setId("analytics-back");
        back.addComponentAsFirst(AppIcon.ARROW_LEFT.create());
        back.addClassName("analytics-back");
        return back;
    }

    /** The page's sections, each in its own class ("where is X?" is one file): first the header and funnel. */
    private List<Component> createFigures(AppUser user) {
        var page = page();
        return List.of(new AnalyticsHeader(page).createHeader(user), new AnalyticsFunnel(page).create());
    }

    private Component[] createFiguresBelow(AppUser user) {
        var page = page();
        var tables = new AnalyticsTables(page);
        var figures = new ArrayList<Component>();
        figures.add(new AnalyticsCampaign(page, sources.campaigns()).create());
        figures.add(new AnalyticsOrders(
                        page,
                        sources.orders(),
                        page.inAccount(() -> sources.attributions()
                                .attribution(page.message().accountId())))
                .create());
        figures.addAll(new AnalyticsTimeline(page).create());
        figures.add(new AnalyticsLatency(page).createLatency());
        figures.add(tables.createFailureGroups());
        figures.add(tables.createLinkClicks());
        return figures.toArray(Component[]::new);
    }

    private AnalyticsPage page() {
        return new AnalyticsPage(this, getLocale(), message(), sources.repository(), sources.recipients(), dialogs);
    }

    private void logCsvAccess(MessageHeader m) {
        var user = currentUser.find();
        if (user.isPresent() && user.get().isSupport()) {
            support.logAccess(
                    user.get().id(), m.accountId(), m.id(), ACTION_CSV, OffsetDateTime.now(liveContext.clock()));
        }
    }

    /** Writes the recipients CSV of the current filter; returns the number of recipient rows. */
    long writeCsv(OutputStream out) {
        if (recipients == null) {
            throw new IllegalStateException("No message");
        }
        return recipients.writeCsv(out);
    }

    /** New events were folded in: re-read the figures (the recipients grid keeps its place). */
    private void refreshFigures(AppUser user) {
        var fresh = createFigures(user);
        for (int i = 0; i < figures.size(); i++) {
            replace(figures.get(i), fresh.get(i));
        }
        figures.clear();
        figures.addAll(fresh);
        if (below != null && below.shown()) {
            below.removeAll();
            below.add(createFiguresBelow(user));
        }
    }

    private Optional<MessageHeader> find(AppUser user, long messageId, BeforeEnterEvent event) {
        if (!user.isSupport()) {
            var accountId = user.requireAccountId();
            return Tenant.call(accountId, () -> sources.repository().findMessage(accountId, messageId));
        }
        var preferred = event.getLocation()
                .getQueryParameters()
                .getSingleParameter(ACCOUNT_PARAMETER)
                .flatMap(MessageAnalyticsView::parseId)
                .orElse(null);
        return support.accountOfMessage(messageId, preferred)
                .flatMap(accountId ->
                        Tenant.call(accountId, () -> sources.repository().findMessage(accountId, messageId)));
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
}
