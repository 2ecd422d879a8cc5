package com.mobilemarketing.alerts.ui;

import com.mobilemarketing.alerts.AlertKind;
import com.mobilemarketing.alerts.AlertRepository;
import com.mobilemarketing.alerts.AlertRule;
import com.mobilemarketing.alerts.AlertRuleChange;
import com.mobilemarketing.alerts.AlertRuleRepository;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * Channels → Mobile Marketing → Alert rules: the four rules of the signed-in marketer's account
 * with their defaults; each can be switched off and its threshold changed within the kind's bounds.
 * A bad value gets a notification and saves nothing; every saved change is listed with who and when.
 * Below the rules, the addresses that get the alert e-mails and their languages.
 */
@RolesAllowed("MARKETER")
@StyleSheet("app/alerts.css")
@Menu(order = 3, title = "nav.alert-rules", icon = "BELL")
@Route(AlertRulesView.ROUTE)
public class AlertRulesView extends VerticalLayout implements HasDynamicTitle {

    /** The change log shows this many newest changes. */
    static final int CHANGES_SHOWN = 50;

    public static final String ROUTE = "mobile-marketing/alert-rules";

    private final AlertRuleRepository repository;
    private final AppUser user;
    private final Clock clock;
    private final Map<AlertKind, RuleCard> cards = new EnumMap<>(AlertKind.class);
    private final Grid<AlertRuleChange> changes = new Grid<>();

    public AlertRulesView(
            AlertRuleRepository repository, AlertRepository alerts, CurrentUser currentUser, Clock clock) {
        this.repository = repository;
        this.user = currentUser.get();
        this.clock = clock;
        setId("alert-rules-view");
        addClassNames("alert-rules-view", LumoUtility.Padding.MEDIUM);
        var title = new H2(getTranslation("alerts.rules.title"));
        title.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.Margin.NONE);
        var intro = new Paragraph(getTranslation("alerts.rules.intro"));
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        var list = new Div();
        list.addClassName("alert-rules");
        for (var kind : AlertKind.values()) {
            var card = new RuleCard(kind);
            cards.put(kind, card);
            list.add(card);
        }
        add(title, intro, list, new AlertRecipientsPanel(alerts, user.requireAccountId()), createChanges());
        refresh();
    }

    private Div createChanges() {
        var heading = new H3(getTranslation("alerts.rules.changes"));
        heading.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.Top.MEDIUM);
        var locale = getLocale();
        changes.setId("alert-rule-changes");
        changes.addThemeVariants(GridVariant.LUMO_COMPACT);
        changes.setAllRowsVisible(true);
        changes.addColumn(change -> Formats.dateTime(change.changedAt(), user.timeZone(), locale))
                .setKey("changedAt")
                .setHeader(getTranslation("alerts.rules.changes.when"))
                .setAutoWidth(true);
        changes.addColumn(AlertRuleChange::changedBy)
                .setKey("changedBy")
                .setHeader(getTranslation("alerts.rules.changes.who"))
                .setAutoWidth(true);
        changes.addColumn(change -> getTranslation(ruleKey(change.kind(), "name")))
                .setKey("rule")
                .setHeader(getTranslation("alerts.rules.changes.rule"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        changes.addColumn(change ->
                        change.enabled() ? value(change.kind(), change.value()) : getTranslation("alerts.rules.off"))
                .setKey("setting")
                .setHeader(getTranslation("alerts.rules.changes.setting"))
                .setAutoWidth(true);
        var empty = new Span(getTranslation("alerts.rules.changes.none"));
        changes.setEmptyStateComponent(empty);
        var section = new Div(heading, changes);
        section.addClassNames(LumoUtility.Width.FULL);
        return section;
    }

    private void refresh() {
        var accountId = user.requireAccountId();
        for (var rule : repository.rules(accountId)) {
            cards.get(rule.kind()).show(rule);
        }
        changes.setItems(repository.changes(accountId, CHANGES_SHOWN));
    }

    private void save(AlertKind kind, boolean enabled, IntegerField field) {
        var value = field.getValue();
        if (value == null || field.isInvalid() || !kind.allows(value)) {
            notify(
                    getTranslation(
                            "alerts.rules.invalid",
                            getTranslation(ruleKey(kind, "name")),
                            value(kind, kind.min()),
                            value(kind, kind.max())),
                    NotificationVariant.LUMO_ERROR);
            return;
        }
        var changed = repository.save(user.requireAccountId(), kind, enabled, value, user.id(), clock.instant());
        notify(
                getTranslation(
                        changed ? "alerts.rules.saved" : "alerts.rules.unchanged",
                        getTranslation(ruleKey(kind, "name"))),
                changed ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_CONTRAST);
        refresh();
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification.show(text, 5000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }

    /** "15 p.p." or "30 min". */
    private String value(AlertKind kind, int value) {
        return getTranslation("alerts.rules.unit." + kind.unit().name(), Formats.count(value, getLocale()));
    }

    private static String ruleKey(AlertKind kind, String part) {
        return "alerts.rules." + kind.name() + "." + part;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("alerts.rules.title") + " · " + getTranslation("app.name");
    }

    /** One rule: on or off, the threshold with its bounds and default, who changed it last. */
    private final class RuleCard extends Div {

        private final AlertKind kind;
        private final Checkbox enabled = new Checkbox();
        private final IntegerField threshold = new IntegerField();
        private final Span changed = new Span();

        RuleCard(AlertKind kind) {
            this.kind = kind;
            var id = "rule-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            setId(id);
            addClassNames(
                    "alert-rule",
                    LumoUtility.Padding.MEDIUM,
                    LumoUtility.BorderRadius.MEDIUM,
                    LumoUtility.Border.ALL,
                    LumoUtility.BorderColor.CONTRAST_10);
            var name = new H3(getTranslation(ruleKey(kind, "name")));
            name.addClassNames(LumoUtility.FontSize.MEDIUM, LumoUtility.Margin.NONE);
            var description = new Paragraph(getTranslation(ruleKey(kind, "description")));
            description.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.XSMALL);
            enabled.setId(id + "-enabled");
            enabled.setLabel(getTranslation("alerts.rules.enabled"));
            threshold.setId(id + "-threshold");
            threshold.setLabel(getTranslation("alerts.rules.threshold"));
            threshold.setMin(kind.min());
            threshold.setMax(kind.max());
            threshold.setStepButtonsVisible(true);
            threshold.setSuffixComponent(
                    new Span(getTranslation("alerts.rules.suffix." + kind.unit().name())));
            threshold.addClassName("alert-rule-threshold");
            var save = new Button(getTranslation("alerts.rules.save"), e -> save(kind, enabled.getValue(), threshold));
            save.setId(id + "-save");
            save.addThemeVariants(ButtonVariant.PRIMARY);
            var controls = new Div(enabled, threshold, save);
            controls.addClassNames(
                    "alert-rule-controls",
                    LumoUtility.Display.FLEX,
                    LumoUtility.FlexWrap.WRAP,
                    LumoUtility.AlignItems.BASELINE,
                    LumoUtility.Gap.MEDIUM);
            changed.setId(id + "-changed");
            changed.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
            add(name, description, controls, changed);
        }

        void show(AlertRule rule) {
            enabled.setValue(rule.enabled());
            threshold.setValue(rule.value());
            threshold.setHelperText(getTranslation(
                    "alerts.rules.bounds",
                    value(kind, rule.defaultValue()),
                    value(kind, kind.min()),
                    value(kind, kind.max())));
            changed.setText(
                    rule.changedAt() == null
                            ? getTranslation("alerts.rules.never-changed")
                            : getTranslation(
                                    "alerts.rules.last-change",
                                    rule.changedBy(),
                                    Formats.dateTime(rule.changedAt(), user.timeZone(), getLocale())));
        }
    }
}
