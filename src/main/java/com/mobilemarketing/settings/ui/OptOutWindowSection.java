package com.mobilemarketing.settings.ui;

import com.mobilemarketing.core.metrics.OptOutWindowRepository;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.ui.Formats;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The settings page's part on opt-outs: how many hours after a message an opt-out is still credited
 * to it, and the latest changes of that window with who made them. A value out of bounds is refused
 * with a notification and changes nothing.
 */
class OptOutWindowSection extends Div {

    private final OptOutWindowRepository windows;
    private final AppUser user;
    private final Clock clock;
    private final IntegerField hours = new IntegerField();
    private final UnorderedList log = new UnorderedList();

    OptOutWindowSection(OptOutWindowRepository windows, AppUser user, Clock clock, int changesShown) {
        this.windows = windows;
        this.user = user;
        this.clock = clock;
        setId("opt-out-settings");
        addClassName("settings-form");
        var heading = new H3(getTranslation("settings.opt-out.title"));
        heading.addClassNames(LumoUtility.FontSize.MEDIUM, LumoUtility.Margin.NONE);
        var intro = new Paragraph(getTranslation("settings.opt-out.intro"));
        intro.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        hours.setId("opt-out-window-hours");
        hours.setLabel(getTranslation("settings.opt-out.window"));
        hours.setHelperText(getTranslation(
                "settings.opt-out.window.help", OptOutWindowRepository.MIN_HOURS, OptOutWindowRepository.MAX_HOURS));
        hours.setMin(OptOutWindowRepository.MIN_HOURS);
        hours.setMax(OptOutWindowRepository.MAX_HOURS);
        hours.setStepButtonsVisible(true);
        var save = new Button(getTranslation("settings.attribution.save"), e -> save(changesShown));
        save.setId("opt-out-save");
        log.setId("opt-out-changes");
        log.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        add(heading, intro, hours, save, log);
        show(changesShown);
    }

    private void show(int changesShown) {
        var accountId = user.requireAccountId();
        hours.setValue(windows.hours(accountId));
        log.removeAll();
        for (var change : windows.changes(accountId, changesShown)) {
            log.add(new ListItem(getTranslation(
                    "settings.opt-out.change",
                    Formats.dateTime(change.at(), user.timeZone(), getLocale()),
                    change.by(),
                    change.hours())));
        }
    }

    private void save(int changesShown) {
        var value = hours.getValue();
        if (value == null
                || hours.isInvalid()
                || value < OptOutWindowRepository.MIN_HOURS
                || value > OptOutWindowRepository.MAX_HOURS) {
            Notification.show(
                            getTranslation(
                                    "settings.opt-out.invalid",
                                    OptOutWindowRepository.MIN_HOURS,
                                    OptOutWindowRepository.MAX_HOURS),
                            6000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        if (value == windows.hours(user.requireAccountId())) {
            Notification.show(
                    getTranslation("settings.attribution.unchanged"), 4000, Notification.Position.BOTTOM_START);
            return;
        }
        windows.save(user, value, OffsetDateTime.now(clock));
        show(changesShown);
        Notification.show(getTranslation("settings.opt-out.saved", value), 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
