package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The message list: type tabs, filters, search, personalized columns that survive a reload. */
class MessageListJourneyIT extends E2eTest {

    private static final long FLORA = 1;
    private static final long ANNA = 1;

    @Test
    void tabsFiltersAndSearchNarrowTheList() {
        login("anna");
        assumeFeature("message-grid");
        byId("message-tabs");

        click("tab-BULK");
        assertGridSize(messages("BULK", null, false, null));
        capture("messages-bulk", "message-list-panel");
        // Header columns line up with the body's, at both widths (they used to be narrower and ran
        // under the column chooser's "+").
        assertThat(misalignedColumns())
                .as("header cells not over their body cells")
                .isEmpty();
        // The default columns fit a 1440 px laptop with the side menu open: none starts under the
        // frozen "Analityka" column (the channel used to).
        assertThat(js("const l = document.querySelector('vaadin-app-layout'); return !!(l && l.drawerOpened);"))
                .as("side menu open at desktop width")
                .isEqualTo(true);
        assertThat(columnsUnderTheActions())
                .as("header cells reaching under the frozen actions column")
                .isEmpty();
        assertThat(cutHeaders()).as("header labels cut off").isEmpty();
        resize(PHONE);
        assertThat(misalignedColumns())
                .as("header cells not over their body cells (phone)")
                .isEmpty();
        resize(DESKTOP);

        click("tab-RULE");
        assertGridSize(messages("RULE", null, false, null));

        click("filter-mine");
        assertGridSize(messages("RULE", ANNA, false, null));

        click("tab-BULK");
        click("filter-scheduled");
        assertGridSize(messages("BULK", ANNA, true, null));
        click("filter-mine");
        click("filter-scheduled");
        assertGridSize(messages("BULK", null, false, null));

        // A word of a name with Polish letters, typed without them: still found.
        var word = queryString("""
                select split_part(fold_text(name), ' ', 1) from message
                where account_id = ? and type = 'BULK' and name <> fold_text(name)
                  and length(split_part(name, ' ', 1)) >= 4 and split_part(name, ' ', 1) <> split_part(fold_text(name), ' ', 1)
                order by id limit 1
                """, FLORA);
        search(word);
        var found = messages("BULK", null, false, word);
        assertThat(found).isPositive();
        assertGridSize(found);
        capture("messages-search", "message-list-panel");

        search("");
        click("tab-TEST");
        assertGridSize(messages("TEST", null, false, null));
    }

    @Test
    void whoInARowNamesItsMessageAndOpensItsRecipients() {
        login("anna");
        assumeFeature("message-grid");
        var who = text("common.who", "pl");
        var button = waitFor(By.cssSelector("#message-grid vaadin-button.who-button"));
        assertThat(normalize(button.getText())).isEqualTo(who);
        var label = button.getAttribute("aria-label");
        assertThat(label).startsWith(who + " — ");
        var name = label.substring(label.indexOf(": ") + 2);
        assertThat(queryLong("select count(*) from message where account_id = ? and name = ?", FLORA, name))
                .as("the Who? button names a message of the account")
                .isPositive();
        // A figure the gateway cannot know is a dash that says why.
        assertThat(driver.findElements(By.cssSelector("#message-grid .not-available")))
                .allSatisfy(dash -> assertThat(dash.getAttribute("aria-label")).isNotBlank());

        click(button);
        byId("who-dialog");
        assertThat((String) js("return document.getElementById('who-dialog').headerTitle"))
                .contains(name);
        click("who-close");
        waitGone("who-dialog");
    }

    @Test
    void personalizedColumnsSurviveAReload() {
        login("kasia");
        assumeFeature("columns-button");
        var before = headers();
        assertThat(before).isNotEmpty();

        click("columns-button");
        byId("columns-dialog");
        capture("columns-dialog");
        // Remove the second column and add the first optional one (as the chooser lists them).
        var removes =
                driver.findElements(By.cssSelector("#columns-dialog [id^='columns-remove-'], [id^='columns-remove-']"));
        var adds = driver.findElements(By.cssSelector("[id^='columns-add-']"));
        assertThat(removes).as("remove buttons in the column chooser").hasSizeGreaterThan(1);
        click(removes.get(1));
        waitForVaadin();
        if (!adds.isEmpty()) {
            click(driver.findElements(By.cssSelector("[id^='columns-add-']")).getFirst());
            waitForVaadin();
        }
        click("columns-save");
        waitGone("columns-dialog");
        var changed = waitForHeaders(h -> !h.equals(before));

        driver.navigate().refresh();
        waitForVaadin();
        byId("message-grid");
        assertThat(waitForHeaders(h -> h.equals(changed))).isEqualTo(changed);
        capture("messages-personalized", "message-list-panel");

        // Back to the defaults, so the account looks as shipped.
        click("columns-button");
        click("columns-restore");
        click("columns-save");
        waitGone("columns-dialog");
        waitForHeaders(h -> h.equals(before));
    }

    /** Messages of Flora on a tab under the filters, counted straight from the message table. */
    private long messages(String type, Long owner, boolean scheduled, String search) {
        return queryLong("""
                select count(*) from message
                where account_id = ? and type::text = ?
                  and (?::bigint is null or owner_id = ?::bigint)
                  and (not ? or state = 'SCHEDULED' or type = 'TEST')
                  and (?::text is null or fold_text(name) like '%' || fold_text(?::text) || '%')
                """, FLORA, type, owner, owner, scheduled, search, search);
    }

    /** Columns whose header cell does not start and end where the first row's cell does. */
    @SuppressWarnings("unchecked")
    private List<String> misalignedColumns() {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById('message-grid');
                const heads = [...grid.shadowRoot.querySelectorAll('thead tr:first-child th')];
                const row = grid.shadowRoot.querySelector('tbody tr');
                const cells = row ? [...row.querySelectorAll('td')] : [];
                const off = [];
                heads.forEach((th, i) => {
                    const h = th.getBoundingClientRect();
                    const b = cells[i] && cells[i].getBoundingClientRect();
                    if (!b || Math.abs(h.left - b.left) > 1 || Math.abs(h.width - b.width) > 1) {
                        off.push(i + ': header ' + Math.round(h.left) + '+' + Math.round(h.width)
                            + ', body ' + (b ? Math.round(b.left) + '+' + Math.round(b.width) : 'none'));
                    }
                });
                return off;
                """);
    }

    /** Header cells of the scrolling columns whose right edge reaches past the frozen actions column's left. */
    @SuppressWarnings("unchecked")
    private List<String> columnsUnderTheActions() {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById('message-grid');
                const heads = [...grid.shadowRoot.querySelectorAll('thead tr:first-child th')];
                const actions = heads[heads.length - 1].getBoundingClientRect();
                return heads.slice(0, -1)
                    .map((th, i) => ({i, r: th.getBoundingClientRect()}))
                    .filter(c => c.r.right > actions.left + 1)
                    .map(c => c.i + ': ends at ' + Math.round(c.r.right) + ', actions start at ' + Math.round(actions.left));
                """);
    }

    /** Labels of sortable headers too narrow for their text (shown with an ellipsis). */
    @SuppressWarnings("unchecked")
    private List<String> cutHeaders() {
        return (List<String>) js("""
                const grid = document.getElementById('message-grid');
                return [...grid.querySelectorAll('vaadin-grid-sorter')]
                    .filter(sorter => sorter.offsetWidth > 0)
                    .filter(sorter => {
                        const content = sorter.shadowRoot && sorter.shadowRoot.querySelector('[part~=content]');
                        return content && content.scrollWidth > content.clientWidth + 1;
                    })
                    .map(sorter => sorter.textContent.trim());
                """);
    }

    private void search(String text) {
        var field = byId("message-search").findElement(By.tagName("input"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
        field.sendKeys(Keys.ENTER);
        waitForVaadin();
    }

    private void assertGridSize(long expected) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> gridSize() == expected);
        } catch (TimeoutException e) {
            assertThat(gridSize()).as("rows in #message-grid").isEqualTo(expected);
        }
    }

    private long gridSize() {
        waitForVaadin();
        var size = js("const g = document.getElementById('message-grid'); return g ? g.size : -1;");
        return size == null ? -1 : ((Number) size).longValue();
    }

    /** The grid's visible header texts, left to right. */
    @SuppressWarnings("unchecked")
    private List<String> headers() {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById('message-grid');
                if (!grid) return [];
                const row = grid.shadowRoot.querySelector('thead tr');
                if (!row) return [];
                return Array.from(row.querySelectorAll('th'))
                    .filter(th => !th.hidden && th.offsetWidth > 0)
                    .map(th => { const slot = th.querySelector('slot');
                                 return slot ? slot.assignedNodes({flatten: true}).map(n => n.textContent).join('').trim() : ''; });
                """);
    }

    private List<String> waitForHeaders(java.util.function.Predicate<List<String>> check) {
        try {
            return new WebDriverWait(driver, WAIT).until(d -> {
                var current = headers();
                return check.test(current) ? current : null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("grid headers did not change as expected: " + headers(), e);
        }
    }
}
