package com.mobilemarketing.core;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.mobilemarketing.Application;
import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestUsers;
import com.mobilemarketing.analytics.ui.SupportView;
import com.mobilemarketing.core.ui.LoginView;
import com.mobilemarketing.core.ui.MainLayout;
import com.mobilemarketing.dashboard.ui.DashboardView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.AppShellRegistry;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainLayoutTest extends KaribuTest {

    private TestUsers users;

    @BeforeEach
    void ownUsers() {
        users = new TestUsers(db);
    }

    @AfterEach
    void removeUsers() {
        users.removeAll();
    }

    @Test
    void anonymousUserSeesTheLoginPage() {
        UI.getCurrent().navigate(DashboardView.class);
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    void marketerLandsOnTheDashboardInsideTheMainLayout() {
        login("anna");
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DashboardView.class);
        _get(MainLayout.class);
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel))
                .contains("Kanały", "Mobile Marketing", "Dashboard")
                .doesNotContain("Wsparcie");
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("current-user"))
                        .getText())
                .isEqualTo("Anna Kowalska");
    }

    @Test
    void everyPageTheSignInPageTooStartsInTheThemeThisBrowserKept() {
        // The sign-in page has no layout to restore the theme: the page head does it for every
        // page, before the stylesheets, so a dark choice shows without a light flash.
        var registry = AppShellRegistry.getInstance(VaadinService.getCurrent().getContext());
        if (registry.getShell() == null) {
            registry.setShell(Application.class);
        }
        var page = Jsoup.parse("<html><head><link rel='stylesheet' href='lumo.css'></head><body></body></html>");
        registry.modifyIndexHtml(page, VaadinRequest.getCurrent());
        var first = page.head().child(0);
        assertThat(first.tagName()).isEqualTo("script");
        assertThat(first.data())
                .contains("localStorage.getItem('ui.theme') === 'dark'")
                .contains("setAttribute('theme', 'dark')")
                .contains("style.colorScheme = 'dark'");

        UI.getCurrent().navigate(LoginView.class);
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    void supportStaffLandOnTheSupportPageAndCannotOpenAMarketersDashboard() {
        login("support");
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(SupportView.class);
        assertThatThrownBy(() -> UI.getCurrent().navigate(DashboardView.ROUTE)).hasMessageContaining("denied");
    }

    @Test
    void marketerCannotOpenTheSupportPage() {
        login("piotr");
        assertThatThrownBy(() -> UI.getCurrent().navigate(SupportView.ROUTE)).hasMessageContaining("denied");
    }

    @Test
    @SuppressWarnings("unchecked")
    void languageSwitchChangesTheTextsAndIsRemembered() {
        // A marketer of its own: the language it saves is nobody else's.
        var marketer = users.marketer(FLORA);
        login(marketer.username());
        UI.getCurrent().navigate(DashboardView.class);
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("pl");
        Select<Locale> language = _get(Select.class, spec -> spec.withId("language-switch"));
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(language, Locale.ENGLISH);
        MockVaadin.clientRoundtrip(false);
        UI.getCurrent().navigate(DashboardView.class);
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel)).contains("Channels");
        var saved = queryValue(String.class, "select locale from app_user where id = ?", marketer.id());
        assertThat(saved).isEqualTo("en");
    }
}
