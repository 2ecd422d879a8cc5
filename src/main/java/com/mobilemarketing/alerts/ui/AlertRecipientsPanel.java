package com.mobilemarketing.alerts.ui;

import com.mobilemarketing.alerts.AlertRepository;
import com.mobilemarketing.alerts.AlertRepository.Recipient;
import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.ui.AppIcon;
import com.mobilemarketing.core.ui.IconButton;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The addresses that get the account's alert e-mails, each with the language its e-mails are
 * written in (a new one starts in the language of the marketer adding it). A malformed address gets
 * a notification and is not added.
 */
class AlertRecipientsPanel extends Div {

    /** One @, something before it, a dot in the domain, no spaces; at most 254 characters. */
    /** No control characters either: a NUL, which PostgreSQL cannot store, failed the insert. */
    private static final Pattern ADDRESS =
            Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private final AlertRepository repository;
    private final long accountId;
    private final Div list = new Div();
    private final EmailField address = new EmailField();
    private final Select<Locale> language = new Select<>();

    AlertRecipientsPanel(AlertRepository repository, long accountId) {
        this.repository = repository;
        this.accountId = accountId;
        setId("alert-recipients");
        addClassNames(LumoUtility.Width.FULL);
        var heading = new H3(getTranslation("alerts.recipients.title"));
        heading.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.Top.MEDIUM);
        var intro = new Paragraph(getTranslation("alerts.recipients.intro"));
        intro.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        list.setId("alert-recipients-list");
        list.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.XSMALL);
        add(heading, intro, list, createForm());
        refresh();
    }

    private Div createForm() {
        address.setId("alert-recipient-email");
        address.setLabel(getTranslation("alerts.recipients.email"));
        address.setMaxLength(254);
        address.addClassName("alert-recipient-email");
        language.setId("alert-recipient-language");
        language.setLabel(getTranslation("alerts.recipients.language"));
        language.setItems(TranslationProvider.LOCALES);
        language.setItemLabelGenerator(this::languageName);
        language.setValue(
                getLocale().getLanguage().equals("en") ? TranslationProvider.ENGLISH : TranslationProvider.POLISH);
        var add = new Button(getTranslation("alerts.recipients.add"), e -> add());
        add.setId("alert-recipient-add");
        add.addThemeVariants(ButtonVariant.PRIMARY);
        var form = new Div(address, language, add);
        form.addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.FlexWrap.WRAP,
                LumoUtility.AlignItems.BASELINE,
                LumoUtility.Gap.MEDIUM);
        return form;
    }

    private void add() {
        var email = address.getValue().trim();
        if (email.length() > 254 || !ADDRESS.matcher(email).matches() || language.getValue() == null) {
            Notification.show(
                            getTranslation("alerts.recipients.invalid", email),
                            5000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        repository.addRecipient(accountId, email, language.getValue());
        address.clear();
        refresh();
    }

    private void refresh() {
        list.removeAll();
        var recipients = repository.recipients(accountId);
        if (recipients.isEmpty()) {
            list.add(new Span(getTranslation("alerts.recipients.none")));
        }
        for (var recipient : recipients) {
            list.add(row(recipient));
        }
    }

    private Div row(Recipient recipient) {
        var email = new Span(recipient.email());
        email.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var name = new Span(languageName(recipient.locale()));
        name.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        var remove = IconButton.create(
                "alert-recipient-remove-" + recipient.email(),
                AppIcon.TRASH,
                getTranslation("alerts.recipients.remove", recipient.email()),
                () -> {
                    repository.removeRecipient(accountId, recipient.email());
                    refresh();
                },
                ButtonVariant.TERTIARY);
        var row = new Div(email, name, remove);
        row.addClassNames(
                "alert-recipient", LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Gap.SMALL);
        return row;
    }

    private String languageName(Locale locale) {
        return getTranslation("alerts.recipients.language." + locale.getLanguage());
    }
}
