package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Signing in and out, the layout around every page, language and theme. */
class SignInJourneyIT extends E2eTest {

    @Test
    void marketerSignsInAndLandsOnTheDashboardInsideTheLayout() {
        open("login");
        waitFor(By.tagName("vaadin-login-form"));
        capture("login");

        login("anna");
        assertThat(driver.getCurrentUrl()).contains("/mobile-marketing/dashboard");
        assertThat(textOf("current-user")).isEqualTo("Anna Kowalska");
        var nav = waitFor(By.tagName("vaadin-side-nav")).getText();
        assertThat(nav)
                .contains(text("nav.channels", "pl"), text("nav.mobile-marketing", "pl"), text("nav.dashboard", "pl"));
        capture("dashboard");
    }

    /**
     * The page names the bundle's start-up modules in its head, and each is fetched once: the
     * preload is the very fetch the page's script then uses, not a second one beside it.
     */
    @Test
    void theStartUpModulesArePreloadedAndFetchedOnce() {
        open("login");
        waitFor(By.tagName("vaadin-login-form"));
        var fetches = (List<?>) driver.executeScript("""
                const fetched = performance.getEntriesByType('resource').map(r => r.name);
                return [...document.querySelectorAll('link[rel=modulepreload]')]
                    .map(link => link.href + ' ' + fetched.filter(name => name === link.href).length);""");
        assertThat(fetches)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(fetch -> assertThat(fetch.toString()).matches(".*/VAADIN/build/.*\\.js 1"))
                .anySatisfy(fetch -> assertThat(fetch.toString()).contains("/FlowClient-"));
    }

    @Test
    void wrongPasswordShowsTheError() {
        login("anna", "not-the-password");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("error"));
        waitForVaadin();
        var form = waitFor(By.tagName("vaadin-login-form"));
        new WebDriverWait(driver, WAIT).until(d -> form.getText().contains(text("login.error.title", "pl")));
        capture("login-error");
    }

    @Test
    void languageSwitchChangesTheTexts() {
        login("piotr");
        assertThat(waitFor(By.tagName("vaadin-side-nav")).getText()).contains(text("nav.channels", "pl"));
        choose("language-switch", "EN");
        waitForVaadin();
        new WebDriverWait(driver, WAIT)
                .until(d ->
                        d.findElement(By.tagName("vaadin-side-nav")).getText().contains(text("nav.channels", "en")));
        assertThat(byId("logout").getText()).isEqualTo(text("layout.logout", "en"));
        capture("dashboard-english");
        // Back to Polish, so the other journeys of this user read Polish.
        choose("language-switch", "PL");
        new WebDriverWait(driver, WAIT)
                .until(d ->
                        d.findElement(By.tagName("vaadin-side-nav")).getText().contains(text("nav.channels", "pl")));
    }

    @Test
    void themeSwitchIsKeptAcrossReloadAndSignIn() {
        login("kasia");
        assertThat(theme()).doesNotContain("dark");
        assertThat(byId("theme-switch").getAttribute("aria-pressed")).isEqualTo("false");
        clickAndAwaitReload("theme-switch");
        new WebDriverWait(driver, WAIT).until(d -> theme().contains("dark"));
        byId("logout");
        assertThat(byId("theme-switch").getAttribute("aria-pressed")).isEqualTo("true");
        capture("dashboard-dark");

        driver.navigate().refresh();
        waitForVaadin();
        byId("logout");
        new WebDriverWait(driver, WAIT).until(d -> theme().contains("dark"));

        // Kept by this browser for the sign-in page (dark from its first paint) and the next sign-in.
        click("logout");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/login"));
        waitFor(By.tagName("vaadin-login-form"));
        assertThat(theme()).contains("dark");
        capture("login-dark");
        login("kasia");
        new WebDriverWait(driver, WAIT).until(d -> theme().contains("dark"));

        clickAndAwaitReload("theme-switch");
        new WebDriverWait(driver, WAIT).until(d -> !theme().contains("dark"));
        driver.navigate().refresh();
        waitForVaadin();
        byId("logout");
        assertThat(theme()).doesNotContain("dark");
    }

    @Test
    void signOutReturnsToTheLoginPage() {
        login("anna");
        click("logout");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/login"));
        waitFor(By.tagName("vaadin-login-form"));
        open("mobile-marketing/dashboard");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/login"));
    }

    @Test
    void keyboardFocusIsVisible() {
        login("anna");
        var reached = 0;
        for (int i = 0; i < 7; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            // The focused element, or the component around it, draws a ring (outline or box shadow).
            var focus = (String) js("""
                    let e = document.activeElement;
                    while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
                    if (!e || e === document.body) return null;
                    const name = e.tagName;
                    for (let n = e, depth = 0; n && depth < 3; depth++) {
                        const style = getComputedStyle(n);
                        if (style.boxShadow !== 'none' || style.outlineStyle !== 'none') return '';
                        const field = n.shadowRoot && n.shadowRoot.querySelector('[part~=input-field]');
                        if (field && getComputedStyle(field).boxShadow !== 'none') return '';
                        n = n.parentElement || (n.getRootNode() && n.getRootNode().host);
                    }
                    return name;
                    """);
            if (focus == null) {
                continue;
            }
            reached++;
            assertThat(focus).as("element with focus but no visible ring").isEmpty();
            if (reached == 3) {
                save("keyboard-focus-desktop");
            }
        }
        assertThat(reached).as("elements reached with Tab").isGreaterThan(3);
    }

    private String theme() {
        var value = js("return document.documentElement.getAttribute('theme') || ''");
        return value == null ? "" : value.toString();
    }
}
