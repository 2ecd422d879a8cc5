package com.mobilemarketing.stats.ui;

import com.mobilemarketing.stats.StatsSummary;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** The note under the tiles on how much SMS traffic is left out because its gateway sends no delivery reports. */
class StatsCoverage extends Paragraph {

    private final StatsTexts texts;

    StatsCoverage(StatsTexts texts) {
        this.texts = texts;
        setId("stats-coverage");
        addClassNames("stats-coverage", LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
    }

    void show(StatsSummary current) {
        var smsCoverage = current.coverage();
        setVisible(smsCoverage != null);
        if (smsCoverage == null) {
            setText("");
        } else if (smsCoverage.allSent() == 0) {
            setText(texts.tr("stats.coverage.none"));
        } else {
            setText(texts.tr(
                    "stats.coverage",
                    texts.count(smsCoverage.leftOut()),
                    texts.count(smsCoverage.allSent()),
                    texts.rate(smsCoverage.leftOut(), smsCoverage.allSent()),
                    texts.rate(smsCoverage.countedSent(), smsCoverage.allSent())));
        }
    }
}
