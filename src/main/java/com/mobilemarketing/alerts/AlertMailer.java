package com.mobilemarketing.alerts;

import com.mobilemarketing.core.i18n.TranslationProvider;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends an e-mail per raised alert to its account's alert recipients through Spring Mail
 * ({@code spring.mail.*}): one e-mail per language of the recipients, with the time in the
 * account's time zone. An alert is marked mailed once every language went out; one that could not
 * be sent is tried again after the next round. Without a configured mail server nothing is sent.
 */
@Component
public class AlertMailer {

    private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);

    private final AlertRepository repository;
    private final AlertProperties properties;
    private final TranslationProvider translations;
    private final ObjectProvider<JavaMailSender> sender;
    private final Clock clock;

    public AlertMailer(
            AlertRepository repository,
            AlertProperties properties,
            TranslationProvider translations,
            ObjectProvider<JavaMailSender> sender,
            Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.translations = translations;
        this.sender = sender;
        this.clock = clock;
    }

    /** Mails every open alert not mailed yet; returns how many e-mails went out. Run with the scope of all accounts. */
    public int sendPending() {
        var mail = sender.getIfAvailable();
        if (mail == null) {
            return 0;
        }
        return sendPending(mail);
    }

    /** As {@link #sendPending()}, through the given sender. */
    public int sendPending(JavaMailSender mail) {
        int sent = 0;
        for (var pending : repository.unmailed()) {
            var alert = pending.alert();
            var byLanguage = new LinkedHashMap<Locale, List<String>>();
            for (var recipient : pending.recipients()) {
                byLanguage
                        .computeIfAbsent(recipient.locale(), locale -> new ArrayList<>())
                        .add(recipient.email());
            }
            try {
                for (var language : byLanguage.entrySet()) {
                    mail.send(message(alert, pending.zone(), language.getKey(), language.getValue()));
                    sent++;
                }
            } catch (MailException e) {
                log.warn("Alert e-mail {} of account {} not sent: {}", alert.id(), alert.accountId(), e.getMessage());
                continue;
            }
            repository.markMailed(alert.accountId(), alert.id(), clock.instant());
        }
        return sent;
    }

    /** The e-mail of one alert in one language, the time in the account's zone. */
    SimpleMailMessage message(Alert alert, ZoneId zone, Locale locale, List<String> to) {
        var texts = new AlertTexts(translations, locale);
        var raised = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(locale)
                .format(alert.raisedAt().atZoneSameInstant(zone));
        var message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(to.toArray(String[]::new));
        message.setSubject(texts.tr("alerts.mail.subject", alert.accountName(), texts.title(alert)));
        message.setText(texts.tr(
                "alerts.mail.body",
                alert.accountName(),
                texts.title(alert),
                texts.detail(alert),
                raised + " (" + zone.getId() + ")"));
        return message;
    }
}
