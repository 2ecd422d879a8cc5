package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.security.UserRepository;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The UI language: the user's saved choice (Polish by default), switched from the header. */
@Component
public class Locales implements VaadinServiceInitListener {

    private static final String SESSION_KEY = Locales.class.getName();

    private final CurrentUser currentUser;

    public Locales(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            var session = VaadinSession.getCurrent();
            var chosen = session == null ? null : (Locale) session.getAttribute(SESSION_KEY);
            if (chosen == null) {
                chosen = currentUser.find().map(user -> of(user.locale())).orElse(TranslationProvider.POLISH);
            }
            init.getUI().setLocale(chosen);
        });
    }

    static Locale of(String language) {
        return "en".equals(language) ? TranslationProvider.ENGLISH : TranslationProvider.POLISH;
    }

    /** Remembers the choice for this session and for the user's next sign-in. */
    static void switchTo(Locale locale, AppUser user, UserRepository users) {
        var session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(SESSION_KEY, locale);
            session.setLocale(locale);
        }
        users.updateLocale(user.id(), locale.getLanguage());
    }
}
