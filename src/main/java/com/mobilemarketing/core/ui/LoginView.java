package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.DemoMode;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.jspecify.annotations.Nullable;

/**
 * The sign-in page. The form posts to Spring Security (with the page's CSRF token); a refused
 * attempt comes back with {@code ?error}, a throttled one with {@code ?throttled=<minutes>}. The
 * demo users are listed only when the app runs as a demo.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Query parameters the sign-in filter redirects back with. */
    public static final String ERROR = "error";

    public static final String THROTTLED = "throttled";

    private final LoginForm login = new LoginForm();

    public LoginView(DemoMode demoMode) {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("login-view");
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(createI18n(null));
        var title = new H1(getTranslation("app.name"));
        title.addClassNames(LumoUtility.FontSize.XXLARGE);
        add(title, login);
        if (demoMode.isOn()) {
            var hint = new Paragraph(getTranslation("login.hint"));
            hint.setId("demo-hint");
            hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            add(hint);
        }
    }

    /** The form's texts; with {@code throttledMinutes} its error says how long sign-in is paused. */
    private LoginI18n createI18n(@Nullable Long throttledMinutes) {
        var i18n = LoginI18n.createDefault();
        var form = i18n.getForm();
        form.setTitle(getTranslation("login.title"));
        form.setUsername(getTranslation("login.username"));
        form.setPassword(getTranslation("login.password"));
        form.setSubmit(getTranslation("login.submit"));
        var error = i18n.getErrorMessage();
        if (throttledMinutes == null) {
            error.setTitle(getTranslation("login.error.title"));
            error.setMessage(getTranslation("login.error.message"));
        } else {
            error.setTitle(getTranslation("login.throttled.title"));
            error.setMessage(getTranslation("login.throttled.message", throttledMinutes));
        }
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters();
        var throttled = parameters.getSingleParameter(THROTTLED);
        if (throttled.isPresent()) {
            login.setI18n(createI18n(minutes(throttled.get())));
            login.setError(true);
        } else {
            login.setError(parameters.getParameters().containsKey(ERROR));
        }
    }

    private static long minutes(String value) {
        try {
            return Math.clamp(Long.parseLong(value), 1, 24 * 60);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
