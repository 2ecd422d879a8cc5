package com.mobilemarketing.core.ui;

import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.security.AppUser;
import com.mobilemarketing.core.security.CurrentUser;
import com.mobilemarketing.core.security.UserRepository;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/**
 * The app's frame: side navigation (Channels → Mobile Marketing → Dashboard, and the other pages
 * each feature registers with {@code @Menu}), the signed-in user, the language switch, sign-out.
 * Menu titles are translation keys.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    /** Routes under this prefix are listed under Channels → Mobile Marketing. */
    public static final String MOBILE_MARKETING_PREFIX = "mobile-marketing/";

    /**
     * Where the theme choice is kept: the browser's local storage ({@link StoredTheme}) and the
     * session (so pages of the same session start in the right theme without a round trip).
     */
    private static final String THEME_KEY = StoredTheme.KEY;

    private static final String DARK = StoredTheme.DARK;
    private static final String LIGHT = StoredTheme.LIGHT;

    private final AppUser user;
    private final UserRepository users;
    private final AuthenticationContext authenticationContext;
    private final Button themeSwitch = new Button();
    private boolean dark;
    private String currentPath = "";

    public MainLayout(CurrentUser currentUser, UserRepository users, AuthenticationContext authenticationContext) {
        this.user = currentUser.get();
        this.users = users;
        this.authenticationContext = authenticationContext;
        setPrimarySection(Section.DRAWER);
        addToDrawer(createBrand(), createNavigation());
        addToNavbar(new DrawerToggle(), createHeaderBar());
        restoreTheme();
    }

    private Component createBrand() {
        var name = new H1(getTranslation("app.name"));
        name.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        var account = new Span(
                user.accountId() == null
                        ? getTranslation("layout.platform")
                        : users.findAccount(user.requireAccountId())
                                .map(UserRepository.AccountInfo::name)
                                .orElse(""));
        account.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        var brand = new Div(name, account);
        brand.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        return brand;
    }

    private SideNav createNavigation() {
        var nav = new SideNav();
        nav.setLabel(getTranslation("nav.label"));
        var channels = new SideNavItem(getTranslation("nav.channels"));
        channels.setPrefixComponent(AppIcon.CONNECT.create());
        var mobileMarketing = new SideNavItem(getTranslation("nav.mobile-marketing"));
        mobileMarketing.setPrefixComponent(AppIcon.MOBILE.create());
        channels.addItem(mobileMarketing);
        channels.setExpanded(true);
        mobileMarketing.setExpanded(true);
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            var path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
            var item = new SideNavItem(getTranslation(entry.title()), path);
            if (entry.icon() != null) {
                item.setPrefixComponent(AppIcon.valueOf(entry.icon()).create());
            }
            if (path.startsWith(MOBILE_MARKETING_PREFIX)) {
                mobileMarketing.addItem(item);
            } else {
                nav.addItem(item);
            }
        }
        if (!mobileMarketing.getItems().isEmpty()) {
            nav.addItemAsFirst(channels);
        }
        return nav;
    }

    private Component createHeaderBar() {
        var avatar = new Avatar(user.fullName());
        avatar.addThemeName("xsmall");
        avatar.getElement().setAttribute("aria-hidden", "true");
        var name = new Span(user.fullName());
        name.setId("current-user");
        name.addClassNames(LumoUtility.FontSize.SMALL);
        var logout = new Button(
                getTranslation("layout.logout"), AppIcon.SIGN_OUT.create(), e -> authenticationContext.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.TERTIARY);
        // The label is hidden at phone width (styles.css); the name stays for screen readers.
        logout.setAriaLabel(getTranslation("layout.logout"));
        logout.addClassName("logout-button");
        var bar = new HorizontalLayout(createLanguageSwitch(), createThemeSwitch(), avatar, name, logout);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.addClassNames(LumoUtility.Margin.Left.AUTO, LumoUtility.Padding.End.MEDIUM, "header-bar");
        return bar;
    }

    private Select<Locale> createLanguageSwitch() {
        var select = new Select<Locale>();
        select.setId("language-switch");
        select.setAriaLabel(getTranslation("layout.language"));
        select.setItems(TranslationProvider.LOCALES);
        select.setItemLabelGenerator(locale -> locale.getLanguage().toUpperCase(Locale.ROOT));
        select.setValue(TranslationProvider.LOCALES.stream()
                .filter(locale -> locale.getLanguage().equals(getLocale().getLanguage()))
                .findFirst()
                .orElse(TranslationProvider.POLISH));
        select.addThemeName("small");
        select.setWidth("5.5em");
        select.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                Locales.switchTo(event.getValue(), user, users);
                UI.getCurrent().getPage().reload();
            }
        });
        return select;
    }

    /**
     * The layout's content area is one scroller shared by every page: a new page starts at its top,
     * not where the previous page was scrolled to (changes of query parameters only keep it).
     */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        var path = event.getLocation().getPath();
        if (!path.equals(currentPath)) {
            currentPath = path;
            getElement()
                    .executeJs("const c = this.shadowRoot && this.shadowRoot.querySelector('[part~=\"content\"]');"
                            + " if (c) { c.scrollTop = 0; }");
        }
    }

    private Button createThemeSwitch() {
        themeSwitch.setId("theme-switch");
        themeSwitch.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.LUMO_ICON);
        themeSwitch.addClickListener(e -> {
            applyTheme(!dark);
            var session = VaadinSession.getCurrent();
            if (session != null) {
                session.setAttribute(THEME_KEY, dark ? DARK : LIGHT);
            }
            themeSwitch.getElement().executeJs("window.localStorage.setItem($0, $1)", THEME_KEY, dark ? DARK : LIGHT);
            // Charts pick their palette when drawn: the page is drawn again in the new theme.
            UI.getCurrent().getPage().reload();
        });
        updateThemeSwitch();
        return themeSwitch;
    }

    /** The session's theme right away; on the first page of a session, the one this browser kept. */
    private void restoreTheme() {
        var session = VaadinSession.getCurrent();
        var saved = session == null ? null : (String) session.getAttribute(THEME_KEY);
        if (saved != null) {
            applyTheme(DARK.equals(saved));
            return;
        }
        getElement()
                .executeJs("return window.localStorage.getItem($0) || ''", THEME_KEY)
                .then(String.class, stored -> {
                    if (session != null) {
                        session.setAttribute(THEME_KEY, DARK.equals(stored) ? DARK : LIGHT);
                    }
                    if (DARK.equals(stored)) {
                        applyTheme(true);
                    }
                });
    }

    private void applyTheme(boolean dark) {
        this.dark = dark;
        var ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().setColorScheme(dark ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
        }
        updateThemeSwitch();
    }

    /** The button shows what a click does, and says it to screen readers. */
    private void updateThemeSwitch() {
        var label = getTranslation(dark ? "layout.theme.light" : "layout.theme.dark");
        themeSwitch.setIcon((dark ? AppIcon.SUN_O : AppIcon.MOON_O).create());
        themeSwitch.setAriaLabel(label);
        themeSwitch.setTooltipText(label);
        themeSwitch.getElement().setAttribute("aria-pressed", String.valueOf(dark));
    }
}
