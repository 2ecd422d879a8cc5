package com.mobilemarketing.dashboard.ui;

import com.mobilemarketing.core.ui.UrlState;
import com.mobilemarketing.messages.ui.MessageListPanel;
import com.mobilemarketing.stats.ui.StatsPanel;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

/**
 * Channels → Mobile Marketing → Dashboard: the stats panel on top, the message list below. Both
 * keep their state (source, range, tab, filters, search) in the URL's query parameters.
 */
@Route(DashboardView.ROUTE)
@Menu(order = 1, title = "nav.dashboard", icon = "DASHBOARD")
@RolesAllowed("MARKETER")
public class DashboardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String ROUTE = "mobile-marketing/dashboard";

    private final UrlState urlState = new UrlState(ROUTE);
    private final StatsPanel statsPanel;
    private final MessageListPanel messageListPanel;

    public DashboardView(StatsPanel statsPanel, MessageListPanel messageListPanel) {
        this.statsPanel = statsPanel;
        this.messageListPanel = messageListPanel;
        addClassNames("dashboard-view", LumoUtility.Padding.MEDIUM);
        setSpacing(true);
        var title = new H2(getTranslation("dashboard.title"));
        title.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.Margin.NONE);
        add(title, statsPanel, messageListPanel);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        urlState.read(event.getLocation().getQueryParameters());
        statsPanel.show(urlState);
        messageListPanel.show(urlState);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("dashboard.title") + " · " + getTranslation("app.name");
    }
}
