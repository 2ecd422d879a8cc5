package com.mobilemarketing.settings.ui;

import com.mobilemarketing.core.metrics.Attribution;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.mobilemarketing.core.metrics.OptOutWindowRepository;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.ui.AttributionTexts;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Channels → Mobile Marketing → Settings: how the account credits orders to messages. Marketers of
 * the account choose the model (last click or last touch), the click window in days and the view
 * window in hours; a saved change is logged with who made it and when and re-attributes every order
 * of the account at once, so every revenue figure follows it. Below, the opt-out window: how long
 * after a message an opt-out is credited to it ({@link OptOutWindowSection}). Input out of bounds is refused with a
 * notification and changes nothing.
 */
@StyleSheet("app/settings.css")
@RolesAllowed("MARKETER")
@Route(AttributionSettingsView.ROUTE)
@Menu(order = 3, title = "nav.settings", icon = "COG")
public class AttributionSettingsView extends VerticalLayout implements HasDynamicTitle {

    /** Under Channels → Mobile Marketing, beside the dashboard and the files. */
    public static final String ROUTE = "mobile-marketing/settings";

    /** The click window is set in whole days, at most 90 (the setting's limit of 2 160 hours). */
    static final int MAX_CLICK_DAYS = Attribution.MAX_CLICK_WINDOW_HOURS / 24;

    /** Changes listed on the page; the log keeps them all. */
    static final int CHANGES_SHOWN = 20;

    private final AttributionRepository attributions;
    private final AppUser user;
    private final Clock clock;
    private final RadioButtonGroup<Attribution.Model> model = new RadioButtonGroup<>();
    private final IntegerField clickDays = new IntegerField();
    private final IntegerField viewHours = new IntegerField();
    private final Span current = new Span();
    private final Grid<AttributionRepository.Change> changes = new Grid<>();

    public AttributionSettingsView(
            AttributionRepository attributions,
            OptOutWindowRepository optOutWindows,
            CurrentUser currentUser,
            Clock clock) {
        this.attributions = attributions;
        this.user = currentUser.get();
        this.clock = clock;
        setId("attribution-settings");
        addClassNames("settings-view", LumoUtility.Padding.MEDIUM);
        var title = new H2(getTranslation("settings.attribution.title"));
        title.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.Margin.NONE);
        var intro = new Paragraph(getTranslation("settings.attribution.intro"));
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        current.setId("attribution-current");
        current.addClassName("settings-current");
        add(
                title,
                intro,
                current,
                createForm(),
                createChanges(),
                new OptOutWindowSection(optOutWindows, user, clock, CHANGES_SHOWN));
        show(attributions.attribution(user.requireAccountId()));
    }

    private Component createForm() {
        model.setId("attribution-model");
        model.setLabel(getTranslation("settings.attribution.model"));
        model.setItems(Attribution.Model.values());
        model.setItemLabelGenerator(m -> getTranslation("settings.attribution.model." + m.name()));
        model.addThemeName("vertical");

        clickDays.setId("attribution-click-days");
        clickDays.setLabel(getTranslation("settings.attribution.click"));
        clickDays.setHelperText(getTranslation("settings.attribution.click.help", 1, MAX_CLICK_DAYS));
        clickDays.setMin(1);
        clickDays.setMax(MAX_CLICK_DAYS);
        clickDays.setStepButtonsVisible(true);
        clickDays.setSuffixComponent(new Span(getTranslation("settings.attribution.days")));

        viewHours.setId("attribution-view-hours");
        viewHours.setLabel(getTranslation("settings.attribution.view"));
        viewHours.setHelperText(getTranslation("settings.attribution.view.help", 0, Attribution.MAX_VIEW_WINDOW_HOURS));
        viewHours.setMin(0);
        viewHours.setMax(Attribution.MAX_VIEW_WINDOW_HOURS);
        viewHours.setStepButtonsVisible(true);
        viewHours.setSuffixComponent(new Span(getTranslation("settings.attribution.hours")));

        var save = new Button(getTranslation("settings.attribution.save"), e -> save());
        save.setId("attribution-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        var note = new Paragraph(getTranslation("settings.attribution.save.note"));
        note.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);

        var fields = new Div(clickDays, viewHours);
        fields.addClassName("settings-fields");
        var form = new Div(model, fields, note, save);
        form.addClassName("settings-form");
        return form;
    }

    private Component createChanges() {
        var heading = new H3(getTranslation("settings.attribution.changes"));
        heading.addClassNames(LumoUtility.FontSize.MEDIUM, LumoUtility.Margin.NONE);
        changes.setId("attribution-changes");
        changes.addColumn(change -> Formats.dateTime(change.at(), user.timeZone(), getLocale()))
                .setHeader(getTranslation("settings.attribution.changes.when"))
                .setKey("when")
                .setAutoWidth(true);
        changes.addColumn(AttributionRepository.Change::by)
                .setHeader(getTranslation("settings.attribution.changes.who"))
                .setKey("who")
                .setAutoWidth(true);
        changes.addColumn(change -> AttributionTexts.summary(this, change.attribution()))
                .setHeader(getTranslation("settings.attribution.changes.setting"))
                .setKey("setting")
                .setFlexGrow(1);
        changes.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        changes.setAllRowsVisible(true);
        changes.addClassName("settings-changes");
        var box = new Div(heading, changes);
        box.addClassName("settings-changes-box");
        return box;
    }

    private void show(Attribution attribution) {
        model.setValue(attribution.model());
        clickDays.setValue(Math.max(1, attribution.clickWindowHours() / 24));
        viewHours.setValue(attribution.viewWindowHours());
        current.setText(getTranslation("settings.attribution.current", AttributionTexts.label(this, attribution)));
        current.setTitle(AttributionTexts.detail(this, attribution));
        changes.setItems(attributions.changes(user.requireAccountId(), CHANGES_SHOWN));
    }

    /** Saves a valid setting; anything else gets a notification and leaves the setting as it was. */
    private void save() {
        var chosen = chosen();
        if (chosen.isEmpty()) {
            var notification = Notification.show(
                    getTranslation("settings.attribution.invalid", MAX_CLICK_DAYS, Attribution.MAX_VIEW_WINDOW_HOURS),
                    6000,
                    Notification.Position.BOTTOM_START);
            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        var attribution = chosen.get();
        var accountId = user.requireAccountId();
        if (attribution.equals(attributions.attribution(accountId))) {
            Notification.show(
                    getTranslation("settings.attribution.unchanged"), 4000, Notification.Position.BOTTOM_START);
            return;
        }
        attributions.save(user, attribution, OffsetDateTime.now(clock));
        show(attribution);
        Notification.show(
                        getTranslation("settings.attribution.saved", AttributionTexts.label(this, attribution)),
                        5000,
                        Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** The setting the fields describe, when every field holds a value within its bounds. */
    private Optional<Attribution> chosen() {
        var days = clickDays.getValue();
        var hours = viewHours.getValue();
        if (model.getValue() == null
                || days == null
                || hours == null
                || clickDays.isInvalid()
                || viewHours.isInvalid()
                || days < 1
                || days > MAX_CLICK_DAYS
                || hours < 0
                || hours > Attribution.MAX_VIEW_WINDOW_HOURS) {
            return Optional.empty();
        }
        return Optional.of(new Attribution(model.getValue(), days * 24, hours));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("settings.attribution.title") + " · " + getTranslation("app.name");
    }
}
