package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.ui.UrlState;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.spring.annotation.SpringComponent;
import org.springframework.context.annotation.Scope;

/** Message analytics at the top of the dashboard (product.md §1). */
@SpringComponent
@Scope("prototype")
public class StatsPanel extends Section {

    public StatsPanel() {
        setId("stats-panel");
    }

    public void show(UrlState urlState) {}
}
