package com.mobilemarketing.core;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.core.ui.LoginView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;

/** The sign-in page lists the demo users only in a demo, and says when sign-in is paused. */
class LoginViewTest extends KaribuTest {

    @Test
    void withTheDemoOffThePageListsNoDemoUsers() {
        UI.getCurrent().navigate(LoginView.class);
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LoginView.class);
        assertThat(_find(Paragraph.class, spec -> spec.withId("demo-hint"))).isEmpty();
        assertThat(_find(LoginForm.class)).hasSize(1);
    }

    @Test
    void inTheDemoThePageListsTheDemoUsers() {
        var view = new LoginView(new DemoMode(true));
        UI.getCurrent().add(view);
        assertThat(_find(Paragraph.class, spec -> spec.withId("demo-hint")))
                .singleElement()
                .satisfies(hint -> assertThat(hint.getText()).contains("anna", "demo"));
    }

    @Test
    void aThrottledAttemptShowsHowLongSignInIsPaused() {
        UI.getCurrent().navigate(LoginView.class, QueryParameters.of(LoginView.THROTTLED, "3"));
        var form = _find(LoginForm.class).getFirst();
        assertThat(form.isError()).isTrue();
        // The texts the form shows (its i18n property).
        assertThat(String.valueOf(form.getElement().getPropertyRaw("i18n")))
                .contains("Logowanie wstrzymane", "za 3 min");
    }
}
