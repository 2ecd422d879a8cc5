package com.mobilemarketing.cost.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** The title and the line of introduction at the top of each page of the cost feature. */
final class CostPage {

    private CostPage() {}

    static void addHeader(VerticalLayout page, String titleKey, String introKey) {
        var title = new H2(page.getTranslation(titleKey));
        title.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.Margin.NONE);
        var intro = new Paragraph(page.getTranslation(introKey));
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        page.add(title, intro);
    }
}
