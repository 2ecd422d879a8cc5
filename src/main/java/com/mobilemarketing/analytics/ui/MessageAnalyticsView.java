package com.mobilemarketing.analytics.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Analytics of one message (product.md §3); read-only for support staff. */
@Route(MessageAnalyticsView.ROUTE)
@PermitAll
public class MessageAnalyticsView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = "mobile-marketing/messages/:" + MessageAnalyticsView.ID_PARAMETER;
    public static final String ID_PARAMETER = "id";

    @Override
    public void beforeEnter(BeforeEnterEvent event) {}
}
