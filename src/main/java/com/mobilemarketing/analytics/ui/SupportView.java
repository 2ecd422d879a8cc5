package com.mobilemarketing.analytics.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The support staff's page: find a message of any account and open its analytics read-only. */
@Route(SupportView.ROUTE)
@Menu(order = 10, title = "nav.support", icon = "LIFEBUOY")
@RolesAllowed("SUPPORT")
public class SupportView extends VerticalLayout implements HasDynamicTitle {

    public static final String ROUTE = "support";

    public SupportView() {
        add(new H2(getTranslation("support.title")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("support.title") + " · " + getTranslation("app.name");
    }
}
