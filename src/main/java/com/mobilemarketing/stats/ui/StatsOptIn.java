package com.mobilemarketing.stats.ui;

import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.stats.StatsRepository.OptInCounts;
import com.mobilemarketing.stats.StatsSource;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.Set;

/** The opt-in contacts of the chosen source [3], the per-channel breakdown under "All", and Who?. */
class StatsOptIn extends Div {

    private final StatsTexts texts;
    private final Set<Channel> integrated;
    private final Span count = new Span();
    private final Span breakdown = new Span();
    private final Button who = new Button();

    StatsOptIn(StatsTexts texts, Set<Channel> integrated, Runnable openList) {
        this.texts = texts;
        this.integrated = integrated;
        var label = new Span(texts.tr("stats.optin"));
        label.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        count.setId("optin-count");
        count.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.SEMIBOLD);
        breakdown.setId("optin-breakdown");
        breakdown.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        who.setId("optin-who");
        who.setText(texts.tr("common.who"));
        who.setIcon(AppIcon.USERS.create());
        who.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        who.addClickListener(event -> openList.run());
        var figure = new Div(count, who);
        figure.addClassNames(LumoUtility.Display.FLEX, LumoUtility.AlignItems.BASELINE, LumoUtility.Gap.SMALL);
        add(label, figure, breakdown);
        setId("stats-optin");
        addClassNames("stats-optin", LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
    }

    void show(StatsSource source, OptInCounts counts) {
        var figure = source.channel().map(counts::of).orElse(counts.any());
        count.setText(texts.count(figure));
        var sourceName = texts.tr("channel." + source.name());
        count.getElement().setAttribute("aria-label", texts.tr("stats.optin.aria", texts.count(figure), sourceName));
        who.setAriaLabel(texts.tr("stats.optin.who.aria", sourceName));
        var parts = new ArrayList<String>();
        if (source == StatsSource.ALL) {
            for (var channel : integrated) {
                parts.add(texts.tr("channel." + channel.name()) + " " + texts.count(counts.of(channel)));
            }
        }
        breakdown.setText(String.join(" · ", parts));
        breakdown.setVisible(source == StatsSource.ALL);
    }
}
