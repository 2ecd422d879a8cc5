package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.security.CurrentUser;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The root URL: sends marketers to their dashboard and support staff to the support page. */
@Route(value = "", autoLayout = false)
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    public static final String DASHBOARD_ROUTE = "mobile-marketing/dashboard";
    public static final String SUPPORT_ROUTE = "support";

    private final CurrentUser currentUser;

    public HomeView(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo(currentUser.get().isSupport() ? SUPPORT_ROUTE : DASHBOARD_ROUTE);
    }
}
