package com.mobilemarketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.i18n.TranslationProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the end-to-end journeys: the packaged app (started once for the suite, see {@link E2eApp})
 * driven by the system Chromium through the system chromedriver, a fresh browser profile per test.
 * Journeys find elements by id, wait for Vaadin to finish its round trips before asserting, and
 * save screenshots at desktop and phone width under {@code target/e2e-screenshots/}; a failing
 * journey also leaves its page source and a screenshot there.
 */
abstract class E2eTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Dimension DESKTOP = new Dimension(1440, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Locale POLISH = TranslationProvider.POLISH;

    private static final Pattern KEY_LEAK = Pattern.compile("![a-z][a-z0-9_\\-]*(\\.[a-zA-Z0-9_\\-]+)+!");
    private static final Map<String, Map<String, String>> TEXTS =
            Map.of("pl", TranslationProvider.load("pl"), "en", TranslationProvider.load("en"));

    @RegisterExtension
    static final Harness harness = new Harness();

    protected ChromeDriver driver;
    private Path profile;
    private String testName = "test";

    @BeforeEach
    void openBrowser(TestInfo info) throws IOException {
        testName = info.getTestClass().map(Class::getSimpleName).orElse("") + "-"
                + info.getTestMethod().map(m -> m.getName()).orElse("test");
        profile = Files.createTempDirectory("e2e-chromium-");
        driver = Browser.start(profile, downloads());
    }

    @AfterEach
    void closeBrowser() {
        try {
            if (driver != null) {
                // Every page of the journey ran under the app's Content-Security-Policy: nothing blocked.
                var violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(LogEntry::getMessage)
                        .filter(message -> message.contains("Content Security Policy"))
                        .toList();
                assertThat(violations)
                        .as("Content-Security-Policy violations in the browser console")
                        .isEmpty();
            }
        } finally {
            if (driver != null) {
                driver.quit();
            }
        }
        if (profile != null) {
            deleteQuietly(profile);
        }
    }

    /** Where the browser saves downloads. */
    static Path downloads() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("e2e.target", "target"), "e2e-downloads"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    // ------------------------------------------------------------------------------ the app

    static E2eApp app() {
        return harness.app;
    }

    /** The first row of a query as longs, read straight from the app's database. */
    long[] queryLongs(String sql, Object... params) {
        try (var connection = app().connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a row from %s", sql).isTrue();
                var values = new long[rows.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getLong(i + 1);
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long queryLong(String sql, Object... params) {
        return queryLongs(sql, params)[0];
    }

    String queryString(String sql, Object... params) {
        try (var connection = app().connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a row from %s", sql).isTrue();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    // ------------------------------------------------------------------------------ texts and numbers

    /** A UI text as the app shows it, from the app's own bundles. */
    static String text(String key, String language) {
        var value = TEXTS.get(language).get(key);
        assertThat(value).as("translation %s (%s)", key, language).isNotNull();
        return value;
    }

    /** A count as the locale writes it; spaces normalised because Polish groups with a no-break space. */
    static String count(long value, Locale locale) {
        return normalize(NumberFormat.getIntegerInstance(locale).format(value));
    }

    static String normalize(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ').trim();
    }

    // ------------------------------------------------------------------------------ navigation

    void open(String path) {
        driver.get(app().baseUrl() + path);
        waitForVaadin();
    }

    void login(String username) {
        login(username, "demo");
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
        waitForVaadin();
        byId("logout");
    }

    void login(String username, String password) {
        open("login");
        var form = waitFor(By.tagName("vaadin-login-form"));
        var user = waitFor(By.cssSelector("vaadin-login-form input[name='username']"));
        user.sendKeys(username);
        var secret = form.findElement(By.cssSelector("input[name='password']"));
        secret.sendKeys(password);
        form.findElement(By.cssSelector("vaadin-button[slot='submit'], vaadin-button[theme~='submit']"))
                .click();
    }

    /** Waits until every Vaadin client on the page has no request in flight. */
    void waitForVaadin() {
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(js("""
                if (document.readyState !== 'complete') return false;
                const flow = window.Vaadin && window.Vaadin.Flow;
                if (!flow || !flow.clients) return true;
                return Object.values(flow.clients).every(c => typeof c.isActive !== 'function' || !c.isActive());
                """)));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    // ------------------------------------------------------------------------------ elements

    /**
     * Waits until the element is on the page and rendered. Selenium alone counts an element scrolled
     * out of the layout's scroller as hidden, so a laid-out box counts as shown too.
     */
    WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(by).stream()
                        .filter(this::shown)
                        .findFirst()
                        .orElse(null));
    }

    private boolean shown(WebElement element) {
        return element.isDisplayed() || Boolean.TRUE.equals(js("""
                const e = arguments[0], r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
                """, element));
    }

    WebElement byId(String id) {
        waitForVaadin();
        return waitFor(By.id(id));
    }

    Optional<WebElement> findId(String id) {
        waitForVaadin();
        return driver.findElements(By.id(id)).stream().findFirst();
    }

    /** Clicks as a user would: scrolled into the middle of the view first (the dashboard is long). */
    void click(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
        new WebDriverWait(driver, WAIT)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .until(d -> {
                    element.click();
                    return true;
                });
        waitForVaadin();
    }

    void click(String id) {
        click(byId(id));
    }

    /** Clicks something that reloads the page, and waits for the new page to be ready. */
    void clickAndAwaitReload(String id) {
        js("window.e2eBeforeReload = true");
        click(id);
        new WebDriverWait(driver, WAIT)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.FALSE.equals(js("return window.e2eBeforeReload === true")));
        waitForVaadin();
    }

    /** The texts an ECharts chart drew (axis labels, legend), once it has drawn its axes. */
    String chartTexts(String id) {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, WAIT).until(d -> {
            var texts = (String) js(
                    "return [...document.querySelectorAll('#' + arguments[0] + ' svg text')]"
                            + ".map(t => t.textContent).join(' | ')",
                    id);
            return texts != null && texts.matches(".*\\d.*") ? texts : null;
        });
    }

    String textOf(String id) {
        return normalize(byId(id).getText());
    }

    /** Waits until the element's text (normalised) satisfies the check, then returns it. */
    String waitForText(String id, java.util.function.Predicate<String> check) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> {
                    var value = normalize(d.findElement(By.id(id)).getText());
                    return check.test(value) ? value : null;
                });
    }

    /**
     * Picks an option by its visible label, as a user would: a radio button, tab or button inside the
     * field, or an item of the overlay a select or combo box opens.
     */
    void choose(String id, String label) {
        var field = byId(id);
        var literal = xpathLiteral(label);
        var inside =
                field.findElements(By.xpath(".//*[self::vaadin-radio-button or self::vaadin-tab or self::vaadin-button"
                        + " or self::button or self::label][normalize-space(.)=" + literal + "]"));
        if (!inside.isEmpty() && inside.getFirst().isDisplayed()) {
            click(inside.getFirst());
        } else {
            click(field);
            click(waitFor(By.xpath("//vaadin-select-item[normalize-space(.)=" + literal + "]"
                    + " | //vaadin-combo-box-item[normalize-space(.)=" + literal + "]"
                    + " | //vaadin-item[normalize-space(.)=" + literal + "]")));
        }
        waitForVaadin();
    }

    static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    void waitGone(String id) {
        new WebDriverWait(driver, WAIT)
                .until(d -> d.findElements(By.id(id)).stream().noneMatch(e -> {
                    try {
                        return e.isDisplayed();
                    } catch (StaleElementReferenceException gone) {
                        return false;
                    }
                }));
    }

    String bodyText() {
        return normalize(driver.findElement(By.tagName("body")).getText());
    }

    // ------------------------------------------------------------------------------ screenshots

    /**
     * Saves the current page at desktop and at phone width as {@code <journey>-desktop.png} and
     * {@code <journey>-phone.png}, and checks that no translation key leaks on either.
     */
    void capture(String journey) {
        capture(journey, null);
    }

    /** As {@link #capture(String)}, with the element of that id scrolled to the top of the view first. */
    void capture(String journey, String scrollTo) {
        for (var size : List.of(DESKTOP, PHONE)) {
            resize(size);
            var overflow = size == PHONE ? settledOverflow() : 0;
            if (scrollTo != null) {
                js(
                        "const e = document.getElementById(arguments[0]); if (e) e.scrollIntoView({block: 'start'});",
                        scrollTo);
                js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
                waitForVaadin();
            }
            save(journey + (size == DESKTOP ? "-desktop" : "-phone"));
            assertThat(KEY_LEAK.matcher(bodyText())
                            .results()
                            .map(r -> r.group())
                            .toList())
                    .as("translation keys on screen (%s)", journey)
                    .isEmpty();
            assertThat(buttonsWithoutName())
                    .as("buttons without an accessible name (%s)", journey)
                    .isEmpty();
            assertThat(overflow)
                    .as(
                            "content wider than the phone screen (%s), px; sticking out: %s",
                            journey, overflow > 1 ? widestElements() : "")
                    .isLessThanOrEqualTo(1);
        }
        resize(DESKTOP);
    }

    /** Grids and charts re-measure themselves after a resize: give them a moment before judging. */
    private long settledOverflow() {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(5))
                    .pollingEvery(Duration.ofMillis(250))
                    .until(d -> horizontalOverflow() <= 1 ? 0L : null);
        } catch (org.openqa.selenium.TimeoutException e) {
            return horizontalOverflow();
        }
    }

    /** Visible buttons and links that a screen reader would announce without a name. */
    @SuppressWarnings("unchecked")
    List<String> buttonsWithoutName() {
        return (List<String>) js("""
                const unnamed = [];
                const visit = root => root.querySelectorAll('vaadin-button, button, a[href], [role=button]').forEach(b => {
                    if (!b.offsetParent && getComputedStyle(b).position !== 'fixed') return;
                    const name = (b.getAttribute('aria-label') || b.getAttribute('aria-labelledby') || b.getAttribute('title')
                        || b.textContent || '').trim();
                    if (!name) unnamed.push(b.outerHTML.substring(0, 120));
                });
                visit(document);
                return unnamed;
                """);
    }

    /** The elements that stick out on the right, for the failure message. */
    Object widestElements() {
        return js("""
                const out = [];
                const sticksOut = e => e.getBoundingClientRect().right > window.innerWidth + 1;
                document.querySelectorAll('body *').forEach(e => {
                    const r = e.getBoundingClientRect();
                    // The outermost element that sticks out: its parent still fits.
                    if (r.width > 0 && sticksOut(e) && e.parentElement && !sticksOut(e.parentElement)
                            && !e.parentElement.closest('vaadin-grid, vaadin-tabs')) {
                        out.push({tag: e.tagName, id: e.id, cls: String(e.className).substring(0, 60),
                                  right: Math.round(r.right), width: Math.round(r.width)});
                    }
                });
                out.sort((a, b) => b.right - a.right);
                return out.slice(0, 6);
                """);
    }

    /** How far the main content (or the page) is wider than the viewport; 0 when it fits. */
    long horizontalOverflow() {
        var value = js("""
                const page = document.documentElement.scrollWidth - window.innerWidth;
                const layout = document.querySelector('vaadin-app-layout');
                const content = layout && layout.shadowRoot && layout.shadowRoot.querySelector('[part~=content]');
                const inner = content ? content.scrollWidth - content.clientWidth : 0;
                return Math.max(page, inner, 0);
                """);
        return ((Number) value).longValue();
    }

    void resize(Dimension size) {
        // The device metrics give the page exactly this viewport (a window size would include browser chrome).
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", size.width, "height", size.height, "deviceScaleFactor", 1, "mobile", size == PHONE));
        // Layouts react to the size in the browser (and may ask the server): let them settle.
        js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        waitForVaadin();
    }

    void save(String name) {
        try {
            var dir = Files.createDirectories(Path.of(System.getProperty("e2e.target", "target"), "e2e-screenshots"));
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveFailure() {
        try {
            var dir = Files.createDirectories(Path.of(System.getProperty("e2e.target", "target"), "e2e-screenshots"));
            Files.write(dir.resolve("FAILED-" + testName + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(
                    dir.resolve("FAILED-" + testName + ".html"),
                    driver.getCurrentUrl() + "\n" + driver.getPageSource(),
                    StandardCharsets.UTF_8);
        } catch (Exception e) {
            // The browser may be gone; the failure itself matters more.
        }
    }

    // ------------------------------------------------------------------------------ does it fit?

    /**
     * Header labels of a grid that are cut off (an ellipsis): the header content, or the sorter's
     * label inside it, is wider than its box ({@code scrollWidth > clientWidth}).
     */
    @SuppressWarnings("unchecked")
    List<String> cutHeaders(String gridId) {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById(arguments[0]);
                if (!grid) return ['no grid #' + arguments[0]];
                const cut = e => !!e && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1;
                const out = [];
                grid.shadowRoot.querySelectorAll('thead tr th').forEach(th => {
                    if (th.hidden || th.offsetWidth === 0) return;
                    const slot = th.querySelector('slot');
                    const content = slot && slot.assignedElements({flatten: true})[0];
                    if (!content) return;
                    const sorter = content.querySelector('vaadin-grid-sorter');
                    const label = sorter && sorter.shadowRoot && sorter.shadowRoot.querySelector('[part~=content]');
                    // A label inside an element of its own (a span) overflows that element, not the
                    // box that clips it: compare where its text ends with where the box ends.
                    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
                    let textRight = -Infinity;
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        if (!node.textContent.trim()) continue;
                        const range = document.createRange();
                        range.selectNodeContents(node);
                        [...range.getClientRects()].forEach(r => textRight = Math.max(textRight, r.right));
                    }
                    const box = (label || content).getBoundingClientRect();
                    const padding = parseFloat(getComputedStyle(label || content).paddingRight) || 0;
                    const overflows = textRight > box.right - padding + 1;
                    if (cut(content) || cut(label) || overflows) {
                        out.push(content.textContent.trim() + ' (' + (label || content).clientWidth + ' < '
                            + (label || content).scrollWidth + ' px)');
                    }
                });
                return out;
                """, gridId);
    }

    /**
     * Columns of a grid that the user cannot see without scrolling sideways: header cells (with the
     * grid scrolled to its start) reaching past the grid's visible part (the viewport's right edge,
     * the grid's own right edge or the left edge of a column frozen at the end, whichever comes first).
     */
    @SuppressWarnings("unchecked")
    List<String> hiddenColumns(String gridId) {
        waitForVaadin();
        js("""
                const grid = document.getElementById(arguments[0]);
                const table = grid && grid.shadowRoot.querySelector('#table');
                if (table) table.scrollLeft = 0;
                """, gridId);
        js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        return (List<String>) js("""
                const grid = document.getElementById(arguments[0]);
                if (!grid) return ['no grid #' + arguments[0]];
                const heads = [...grid.shadowRoot.querySelectorAll('thead tr:last-child th')]
                    .filter(th => !th.hidden && th.offsetWidth > 0);
                const label = th => { const slot = th.querySelector('slot');
                    const c = slot && slot.assignedElements({flatten: true})[0];
                    return c ? c.textContent.trim() : '?'; };
                const frozenEnd = heads.filter(th => th.hasAttribute('frozen-to-end'));
                let right = Math.min(grid.getBoundingClientRect().right, window.innerWidth);
                frozenEnd.forEach(th => right = Math.min(right, th.getBoundingClientRect().left));
                return heads.filter(th => !th.hasAttribute('frozen-to-end'))
                    .filter(th => th.getBoundingClientRect().right > right + 1)
                    .map(th => label(th) + ' ends at ' + Math.round(th.getBoundingClientRect().right)
                        + ', visible up to ' + Math.round(right));
                """, gridId);
    }

    /** Body cells of a grid whose value is cut off (an ellipsis or clipped), as "column: value". */
    @SuppressWarnings("unchecked")
    List<String> cutCells(String gridId) {
        waitForVaadin();
        return (List<String>) js("""
                const grid = document.getElementById(arguments[0]);
                if (!grid) return ['no grid #' + arguments[0]];
                const out = [];
                grid.shadowRoot.querySelectorAll('tbody#items tr').forEach(tr => {
                    if (tr.hidden) return;
                    tr.querySelectorAll('td').forEach((td, i) => {
                        const slot = td.querySelector('slot');
                        const content = slot && slot.assignedElements({flatten: true})[0];
                        if (!content || content.clientWidth === 0) return;
                        if (content.scrollWidth > content.clientWidth + 1) {
                            out.push(i + ': ' + content.textContent.trim());
                        }
                    });
                });
                return out.slice(0, 10);
                """, gridId);
    }

    /** Both checks above for one grid, at the current size. */
    void assertGridFits(String gridId, String where) {
        assertThat(cutHeaders(gridId))
                .as("cut header labels of #%s (%s)", gridId, where)
                .isEmpty();
        assertThat(hiddenColumns(gridId))
                .as("columns of #%s out of view (%s)", gridId, where)
                .isEmpty();
    }

    /** Tabs that sit behind the tab bar's scroll arrows instead of in view. */
    @SuppressWarnings("unchecked")
    List<String> tabsOutOfView(String tabsId) {
        waitForVaadin();
        return (List<String>) js("""
                const tabs = document.getElementById(arguments[0]);
                if (!tabs) return ['no tabs #' + arguments[0]];
                const out = [];
                if (tabs.hasAttribute('overflow')) out.push('scroll arrows shown (overflow=' + tabs.getAttribute('overflow') + ')');
                const scroller = tabs.shadowRoot.querySelector('[part~=tabs]') || tabs;
                const box = scroller.getBoundingClientRect();
                const right = Math.min(box.right, window.innerWidth);
                tabs.querySelectorAll('vaadin-tab').forEach(t => {
                    const r = t.getBoundingClientRect();
                    if (r.right > right + 1 || r.left < box.left - 1) out.push(t.textContent.trim());
                });
                return out;
                """, tabsId);
    }

    /** The placeholder of a text field when the field is too narrow to show it whole. */
    Optional<String> cutPlaceholder(String fieldId) {
        waitForVaadin();
        var cut = (String) js("""
                const field = document.getElementById(arguments[0]);
                const input = field && field.querySelector('input');
                if (!input || !input.placeholder) return 'no placeholder in #' + arguments[0];
                const style = getComputedStyle(input, '::placeholder');
                const context = document.createElement('canvas').getContext('2d');
                context.font = style.font || getComputedStyle(input).font;
                const needed = context.measureText(input.placeholder).width;
                const own = getComputedStyle(input);
                const room = input.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
                return needed > room + 1 ? input.placeholder + ' (' + Math.round(needed) + ' px in ' + Math.round(room) + ')' : null;
                """, fieldId);
        return Optional.ofNullable(cut);
    }

    /**
     * The WCAG contrast ratio of an element's text against what is behind it: its own background or
     * the first one up the (shadow-crossing) tree, including an overlay's background part.
     */
    double contrast(WebElement element) {
        var ratio = js("""
                const canvas = document.createElement('canvas');
                canvas.width = canvas.height = 1;
                const context = canvas.getContext('2d', {willReadFrequently: true});
                const rgba = color => {
                    context.clearRect(0, 0, 1, 1);
                    context.fillStyle = '#000';
                    context.fillStyle = color;
                    context.fillRect(0, 0, 1, 1);
                    const d = context.getImageData(0, 0, 1, 1).data;
                    return [d[0], d[1], d[2], d[3] / 255];
                };
                const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
                const layers = [];
                let e = arguments[0];
                while (e && layers.length < 40) {
                    if (e.nodeType === 1) {
                        layers.push(rgba(getComputedStyle(e).backgroundColor));
                        const part = e.shadowRoot && e.shadowRoot.querySelector('[part~=overlay], [part~=card]');
                        if (part) layers.push(rgba(getComputedStyle(part).backgroundColor));
                        if (layers[layers.length - 1][3] >= 1) break;
                    }
                    e = e.assignedSlot || e.parentNode || (e.host ? e.host : null);
                    if (e && e.nodeType === 11) e = e.host;
                }
                let background = [255, 255, 255, 1];
                for (let i = layers.length - 1; i >= 0; i--) background = over(layers[i], background);
                const text = over(rgba(getComputedStyle(arguments[0]).color), background);
                const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
                    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                const [l1, l2] = [lum(text), lum(background)].sort((a, b) => b - a);
                return (l1 + 0.05) / (l2 + 0.05);
                """, element);
        return ((Number) ratio).doubleValue();
    }

    // ------------------------------------------------------------------------------ JUnit wiring

    /** Starts the app once for the whole suite (closed by JUnit at the end) and records failures. */
    static final class Harness implements BeforeAllCallback, TestExecutionExceptionHandler {

        private E2eApp app;

        @Override
        public void beforeAll(ExtensionContext context) {
            app = context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(E2eApp.class, type -> E2eApp.start(), E2eApp.class);
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            if (!(throwable instanceof org.opentest4j.TestAbortedException)
                    && context.getTestInstance().orElse(null) instanceof E2eTest test
                    && test.driver != null) {
                test.saveFailure();
            }
            throw throwable;
        }
    }

    /** The system Chromium through the system chromedriver: nothing is downloaded at run time. */
    static final class Browser {

        static ChromeDriver start(Path profile, Path downloads) {
            var chromium = System.getProperty("e2e.chromium", "/usr/bin/chromium");
            var chromedriver = System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver");
            System.setProperty("webdriver.chrome.driver", chromedriver);
            var options = new ChromeOptions();
            options.setBinary(chromium);
            var arguments = new ArrayList<>(List.of(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--lang=pl-PL",
                    "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                    "--user-data-dir=" + profile));
            options.addArguments(arguments);
            // The console, so a journey can check that the Content-Security-Policy blocked nothing.
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            options.setExperimentalOption(
                    "prefs",
                    Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(chromedriver).toFile())
                    .usingAnyFreePort()
                    .build();
            var driver = new ChromeDriver(service, options);
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", DESKTOP.width, "height", DESKTOP.height, "deviceScaleFactor", 1, "mobile", false));
            driver.executeCdpCommand(
                    "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            return driver;
        }
    }
}
