package com.mobilemarketing.dashboard.ui;

import com.mobilemarketing.alerts.ui.AlertsPanel;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.LiveContext;
import com.mobilemarketing.core.ui.LiveSubscription;
import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.demo.DemoPreparation;
import com.mobilemarketing.messages.ui.MessageListPanel;
import com.mobilemarketing.stats.ui.StatsPanel;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Channels → Mobile Marketing → Dashboard: the stats panel on top, the message list below. Both
 * keep their state (source, range, tab, filters, search) in the URL's query parameters. While the
 * app is not ready (its readiness state refuses traffic, e.g. while demo data is being prepared)
 * the view says so, with the time so far and the estimate, instead of showing zeros; it shows the
 * figures by itself as soon as the app is ready.
 */
@Route(DashboardView.ROUTE)
@Menu(order = 1, title = "nav.dashboard", icon = "DASHBOARD")
@RolesAllowed("MARKETER")
public class DashboardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String ROUTE = "mobile-marketing/dashboard";

    /** How often the "being prepared" notice re-reads the readiness and the elapsed time. */
    static final Duration PREPARING_TICK = Duration.ofSeconds(1);

    private final UrlState urlState = new UrlState(ROUTE);
    private final StatsPanel statsPanel;
    private final AlertsPanel alertsPanel;
    private final MessageListPanel messageListPanel;
    private final DemoPreparation preparation;
    private final LiveContext live;
    private final long accountId;
    private final Div preparing = new Div();
    private final H3 preparingTitle = new H3();
    private final Paragraph preparingText = new Paragraph();
    private final ProgressBar preparingBar = new ProgressBar();

    private @Nullable UI ui;
    private @Nullable ScheduledFuture<?> ticker;
    private @Nullable AutoCloseable subscription;

    public DashboardView(
            StatsPanel statsPanel,
            AlertsPanel alertsPanel,
            MessageListPanel messageListPanel,
            DemoPreparation preparation,
            LiveContext live,
            CurrentUser currentUser) {
        this.statsPanel = statsPanel;
        this.alertsPanel = alertsPanel;
        this.messageListPanel = messageListPanel;
        this.preparation = preparation;
        this.live = live;
        this.accountId = currentUser.get().requireAccountId();
        addClassNames("dashboard-view", LumoUtility.Padding.MEDIUM);
        setSpacing(true);
        var title = new H2(getTranslation("dashboard.title"));
        title.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.Margin.NONE);
        add(title, createPreparing(), alertsPanel, statsPanel, messageListPanel);
        showReadiness();
    }

    private Div createPreparing() {
        preparingTitle.setId("demo-preparing-title");
        preparingTitle.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        preparingText.setId("demo-preparing-text");
        preparingText.addClassNames(LumoUtility.Margin.NONE, LumoUtility.TextColor.SECONDARY);
        preparingBar.setId("demo-preparing-progress");
        preparingBar.getElement().setAttribute("aria-labelledby", "demo-preparing-title");
        preparing.setId("demo-preparing");
        preparing.getElement().setAttribute("role", "status");
        preparing.add(preparingTitle, preparingText, preparingBar);
        preparing.addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL,
                LumoUtility.Padding.LARGE,
                LumoUtility.Border.ALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Width.FULL,
                LumoUtility.BoxSizing.BORDER);
        return preparing;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        urlState.read(event.getLocation().getQueryParameters());
        statsPanel.show(urlState);
        messageListPanel.show(urlState);
        showReadiness();
    }

    /** The figures when the app is ready, else the notice with the time so far and the estimate. */
    private void showReadiness() {
        var ready = preparation.ready();
        preparing.setVisible(!ready);
        statsPanel.setVisible(ready);
        alertsPanel.setVisible(ready);
        messageListPanel.setVisible(ready);
        if (ready) {
            return;
        }
        var progress = preparation.current();
        if (progress.isEmpty()) {
            preparingTitle.setText(getTranslation("dashboard.not-ready.title"));
            preparingText.setText(getTranslation("dashboard.not-ready.text"));
            preparingBar.setIndeterminate(true);
            return;
        }
        preparingTitle.setText(getTranslation("dashboard.preparing.title"));
        var elapsed = progress.get().elapsed();
        var estimate = progress.get().estimate();
        preparingText.setText(getTranslation("dashboard.preparing.progress", duration(elapsed), duration(estimate)));
        preparingBar.setIndeterminate(false);
        preparingBar.setValue(Math.min(0.99, (double) elapsed.toMillis() / Math.max(1, estimate.toMillis())));
    }

    private String duration(Duration duration) {
        var seconds = duration.toSeconds();
        return seconds < 90
                ? getTranslation("dashboard.preparing.seconds", seconds)
                : getTranslation("dashboard.preparing.minutes", Math.round(seconds / 60.0));
    }

    /** Called on every tick and live change while the notice is shown: reveals the figures once ready. */
    private void tick() {
        if (!preparing.isVisible()) {
            return;
        }
        showReadiness();
        if (preparation.ready()) {
            statsPanel.show(urlState);
            messageListPanel.show(urlState);
            stopWatching();
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (preparation.ready()) {
            return;
        }
        ui = attachEvent.getUI();
        ticker = live.scheduler().scheduleAtFixedRate(() -> access(this::tick), PREPARING_TICK);
        // The end of a preparation is announced to every account's open screens.
        subscription = live.updates().subscribe(accountId, change -> access(this::tick));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopWatching();
        super.onDetach(detachEvent);
    }

    private void stopWatching() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        LiveSubscription.close(subscription);
        subscription = null;
    }

    private void access(Runnable command) {
        var target = ui;
        if (target == null) {
            return;
        }
        try {
            target.access(command::run);
        } catch (UIDetachedException e) {
            stopWatching();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("dashboard.title") + " · " + getTranslation("app.name");
    }
}
