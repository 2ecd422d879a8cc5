package com.mobilemarketing.alerts.ui;

import com.mobilemarketing.alerts.Alert;
import com.mobilemarketing.alerts.AlertRepository;
import com.mobilemarketing.alerts.AlertTexts;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.LiveContext;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;

/**
 * The open alerts: on the dashboard a badge with their number and the list of the signed-in
 * account's alerts, refreshed by server push when a round raises or resolves one; on the Support
 * page every account's open alerts.
 */
@SpringComponent
@Scope("prototype")
public class AlertsPanel extends Section {

    /** Support sees the newest this many open alerts of all accounts. */
    static final int SUPPORT_ROWS = 100;

    private final AlertRepository repository;
    private final TranslationProvider translations;
    private final @Nullable Long accountId;
    private final ZoneId zone;
    private final Span badge = new Span();
    private final Div list = new Div();
    private final Details details = new Details();

    public AlertsPanel(
            AlertRepository repository, TranslationProvider translations, LiveContext live, CurrentUser currentUser) {
        this.repository = repository;
        this.translations = translations;
        var user = currentUser.get();
        this.accountId = user.accountId();
        this.zone = user.timeZone();
        setId("alerts-panel");
        addClassNames("alerts-panel", LumoUtility.Width.FULL);
        badge.setId("alerts-badge");
        list.setId("alerts-list");
        list.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.SMALL);
        details.setId("alerts-details");
        details.setSummary(badge);
        details.add(list);
        add(details);
        if (accountId != null) {
            live.keepLive(this, accountId, change -> true, this::refresh);
        }
        refresh();
    }

    /** Re-reads the open alerts. */
    public void refresh() {
        var alerts = accountId == null
                ? Tenant.allAccounts(() -> repository.openAlertsOfAllAccounts(SUPPORT_ROWS))
                : Tenant.call(accountId, () -> repository.openAlerts(accountId));
        badge.setText(
                alerts.isEmpty() ? getTranslation("alerts.badge.none") : getTranslation("alerts.badge", alerts.size()));
        badge.getElement().getThemeList().clear();
        badge.getElement().getThemeList().add(alerts.isEmpty() ? "badge success" : "badge error primary");
        details.setOpened(!alerts.isEmpty() && details.isOpened());
        list.removeAll();
        if (alerts.isEmpty()) {
            list.add(new Paragraph(getTranslation("alerts.none")));
        }
        var texts = new AlertTexts(translations, getLocale());
        for (var alert : alerts) {
            list.add(item(alert, texts));
        }
        if (accountId != null) {
            var rules = new RouterLink(getTranslation("alerts.rules.link"), AlertRulesView.class);
            rules.setId("alerts-rules-link");
            rules.addClassNames(LumoUtility.FontSize.SMALL);
            list.add(rules);
        }
    }

    private Div item(Alert alert, AlertTexts texts) {
        var title = new Span(accountId == null ? alert.accountName() + " · " + texts.title(alert) : texts.title(alert));
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var detail = new Span(texts.detail(alert));
        detail.addClassNames(LumoUtility.FontSize.SMALL);
        var since = new Span(getTranslation(
                "alerts.since",
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                        .withLocale(getLocale())
                        .format(alert.raisedAt().atZoneSameInstant(zone))));
        since.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        var item = new Div(title, detail, since);
        item.addClassNames(
                "alerts-item",
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.ERROR_10);
        item.getElement().setAttribute("role", "listitem");
        return item;
    }

    List<String> texts() {
        return list.getChildren()
                .filter(c -> !(c instanceof RouterLink))
                .map(c -> c.getElement().getTextRecursively())
                .toList();
    }
}
