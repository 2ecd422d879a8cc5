package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One message's analytics, reached from the list; another account's message stays out of reach. */
class MessageAnalyticsJourneyIT extends E2eTest {

    private static final long FLORA = 1;

    @Test
    void analyticsOfAMessageShowItsRecountedFunnel() {
        var id = queryLong("""
                select id from message where account_id = ? and channel = 'WHATSAPP' and type <> 'TEST' and state = 'SENT'
                order by audience_size desc, id limit 1
                """, FLORA);
        var name = queryString("select name from message where account_id = ? and id = ?", FLORA, id);
        var funnel = queryLongs("""
                select count(sent_at), count(delivered_at), count(opened_at), count(clicked_at)
                from message_recipient where account_id = ? and message_id = ?
                """, FLORA, id);
        login("anna");
        open("mobile-marketing/messages/" + id);
        byId("message-header");
        assertThat(normalize(byId("message-header").getText())).contains(name);
        var figures = normalize(byId("message-funnel").getText());
        assertThat(figures)
                .contains(
                        count(funnel[0], POLISH),
                        count(funnel[1], POLISH),
                        count(funnel[2], POLISH),
                        count(funnel[3], POLISH));
        // Each "Who?" says whose list it opens, for screen readers.
        var who = text("common.who", "pl");
        var whoButtons = driver.findElements(
                By.xpath("//*[@id='message-funnel']//vaadin-button[normalize-space(.)=" + xpathLiteral(who) + "]"));
        assertThat(whoButtons)
                .isNotEmpty()
                .allSatisfy(
                        button -> assertThat(button.getAttribute("aria-label")).contains(name));
        // At phone width the facts stack up in one column; the content heading keeps its distance.
        resize(PHONE);
        var gap = ((Number) js("""
                        const facts = document.querySelector('#message-header .analytics-facts').getBoundingClientRect();
                        const heading = document.querySelector('#message-header h3').getBoundingClientRect();
                        return heading.top - facts.bottom;
                        """)).doubleValue();
        assertThat(gap).as("space above the content heading at phone width, px").isGreaterThanOrEqualTo(12);
        resize(DESKTOP);
        // Support's main question, undelivered and why, without scrolling sideways.
        waitFor(By.cssSelector("#recipients-grid vaadin-grid-cell-content"));
        assertGridFits("recipients-grid", "desktop");
        capture("message-analytics");
        capture("message-analytics-recipients", "recipients-grid");
    }

    @Test
    void aMessageOfTheListOpensItsAnalytics() {
        login("anna");
        byId("message-grid");
        click("tab-WORKFLOW");
        var label = xpathLiteral(text("messages.analytics", "pl"));
        click(waitFor(By.xpath("//*[@id='message-grid']//vaadin-button[normalize-space(.)=" + label + "]")));
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/mobile-marketing/messages/"));
        byId("message-header");
        // A new page starts at its top, not at the list's scroll position.
        assertThat(byId("message-header").getLocation().getY()).isLessThan(DESKTOP.height);
        // The way back keeps the tab.
        click("analytics-back");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/mobile-marketing/dashboard"));
        assertThat(driver.getCurrentUrl()).contains("tab=WORKFLOW");
        assertThat(byId("tab-WORKFLOW").getAttribute("selected")).isNotNull();
    }

    @Test
    void aMarketerOfAnotherAccountGetsNotFound() {
        var floraMessage = queryLong("select min(id) from message where account_id = ? and type <> 'TEST'", FLORA);
        login("marek");
        // An id that exists nowhere: the page must say "not found" (otherwise the view is not in this build).
        open("mobile-marketing/messages/987654321");
        byId("not-found");
        open("mobile-marketing/messages/" + floraMessage);
        byId("not-found");
        assertThat(driver.findElements(By.id("message-header"))).isEmpty();
        assertThat(bodyText())
                .doesNotContain(
                        queryString("select name from message where account_id = ? and id = ?", FLORA, floraMessage));
        capture("not-found");
    }
}
