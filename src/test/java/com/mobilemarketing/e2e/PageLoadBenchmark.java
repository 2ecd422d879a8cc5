package com.mobilemarketing.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Page loads in a real browser: the production jar on a demo tier (generated on first use into
 * {@code target/pageload-<tier>} and reused), the system Chromium headless, and for the dashboard,
 * a message's analytics page and the Files page a first visit (browser cache emptied) and a repeat
 * visit (cache kept). Per visit: time to the first stat tile with a figure, time to the grid's first
 * rows and to its last part (the parts below the first screen come in a second round trip: the
 * dashboard's channel overlap, the analytics page's link clicks; all from the start of navigation,
 * taken in the page), bytes transferred and requests
 * (the Resource Timing API: the document, scripts, styles, UIDL and other requests, a cache hit
 * transfers 0 bytes; plus the characters pushed over the WebSocket, uncompressed). The Files page's
 * rows are its folder list. Medians of {@code --runs} visits,
 * after {@code --warmup} unmeasured ones, go into docs/benchmarks.md under the {@code --label} (e.g.
 * "before" and "after" a change); the README lists the other options.
 *
 * <pre>./mvnw -Pproduction,bench -DskipTests package exec:exec@pageload -Dpageload.args="--tier=S --label=after"</pre>
 */
public final class PageLoadBenchmark {

    private static final String USER = "anna";
    private static final long ACCOUNT = 1;

    /**
     * Records, in the page, when a tile shows a figure, when the grid shows rows and when the page's
     * last part is drawn (ms since navigation start). It looks every 5 ms and before every frame: a timer waits behind the long
     * task that applies Vaadin's response and behind the tasks queued after it, while the frame that
     * first paints the figure comes right after that task.
     */
    private static final String PROBE = """
            (() => {
              const marks = window.__pageLoad = {tile: null, rows: null, whole: null, pushed: 0, long: []};
              // What the server pushes (the parts sent after the first response) counts as UIDL too.
              const Socket = window.WebSocket;
              window.WebSocket = class extends Socket {
                constructor(...args) {
                  super(...args);
                  this.addEventListener('message', e => marks.pushed += typeof e.data === 'string' ? e.data.length : 0);
                }
              };
              new PerformanceObserver(list => {
                for (const task of list.getEntries()) marks.long.push(Math.round(task.startTime) + '+' + Math.round(task.duration));
              }).observe({type: 'longtask', buffered: true});
              const TILE = %s, GRID = %s, WHOLE = %s;
              const hasRows = grid => {
                if (!grid || !grid.shadowRoot || grid.hasAttribute('loading')) return false;
                for (const row of grid.shadowRoot.querySelectorAll('#items tr')) {
                  if (row.hidden) continue;
                  for (const slot of row.querySelectorAll('slot')) {
                    for (const el of slot.assignedElements()) {
                      if (el.textContent.trim() || el.querySelector('*')) return true;
                    }
                  }
                }
                return false;
              };
              const check = () => {
                if (TILE && marks.tile === null) {
                  for (const el of document.querySelectorAll(TILE)) {
                    if (el.textContent.trim() && el.getBoundingClientRect().height > 0) { marks.tile = performance.now(); break; }
                  }
                }
                if (GRID && marks.rows === null && hasRows(document.querySelector(GRID))) marks.rows = performance.now();
                if (WHOLE && marks.whole === null) {
                  const last = document.querySelector(WHOLE);
                  if (last && last.getBoundingClientRect().height > 0) marks.whole = performance.now();
                }
                return (TILE && marks.tile === null) || (GRID && marks.rows === null) || (WHOLE && marks.whole === null);
              };
              const byTimer = () => { if (check()) setTimeout(byTimer, 5); };
              const byFrame = () => { if (check()) requestAnimationFrame(byFrame); };
              byTimer();
              requestAnimationFrame(byFrame);
            })();
            """;

    private static final String TRANSFER = """
            const nav = performance.getEntriesByType('navigation')[0];
            const res = performance.getEntriesByType('resource');
            let bytes = nav ? nav.transferSize : 0, network = nav && nav.transferSize > 0 ? 1 : 0, uidl = 0;
            for (const r of res) {
              bytes += r.transferSize;
              if (r.transferSize > 0) network++;
              if (r.name.includes('v-r=uidl') || r.name.includes('v-r=init')) uidl += r.transferSize;
            }
            const rounds = res.filter(r => /v-r=(init|uidl)/.test(r.name))
                .map(r => r.name.match(/v-r=(init|uidl)/)[1] + ' ' + Math.round(r.startTime) + '–' + Math.round(r.responseEnd));
            bytes += window.__pageLoad.pushed;
            uidl += window.__pageLoad.pushed;
            const phases = 'round trips (sent–answered, ms): ' + rounds.join(', ')
                + '; pushed ' + window.__pageLoad.pushed + ' characters'
                + '; long tasks (start+ms): ' + window.__pageLoad.long.join(', ');
            return {bytes: bytes, requests: res.length + 1, network: network, uidl: uidl, phases: phases,
                    html: nav ? nav.responseEnd : 0, tile: window.__pageLoad.tile, rows: window.__pageLoad.rows,
                    whole: window.__pageLoad.whole};
            """;

    /** A page to time; {@code wholeSelector} is its last part to arrive, if that comes after the rows. */
    record Page(String name, String path, String tileSelector, String gridSelector, String wholeSelector) {}

    record Visit(
            double tileMs,
            double rowsMs,
            double wholeMs,
            double htmlMs,
            long bytes,
            long uidlBytes,
            long requests,
            long network) {}

    record Row(Page page, String visit, Visit median) {}

    public static void main(String[] args) throws Exception {
        var options = parse(args);
        var tier = options.getOrDefault("tier", "S").toUpperCase(Locale.ROOT);
        var runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        var warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        var label = options.getOrDefault("label", "after");
        var docs = options.getOrDefault("docs", "docs/benchmarks.md");
        var cpuProfile = options.get("profile");
        var phases = options.containsKey("phases");
        var target = E2eApp.target();
        var demoSize = switch (tier) {
            case "SMALL" -> "small";
            case "M" -> "medium";
            default -> tier.toLowerCase(Locale.ROOT);
        };
        var dataDir = target.resolve("pageload-" + tier.toLowerCase(Locale.ROOT));
        var fresh = !Files.isDirectory(dataDir);
        System.out.printf(
                "Page-load benchmark: tier %s (%s), %d runs per visit, data in %s%n", tier, demoSize, runs, dataDir);
        var started = System.nanoTime();
        var running = options.get("url");
        if (running != null) {
            // A running app (e.g. to compare builds by hand): -De2e.url and -De2e.jdbc as for the journeys.
            System.setProperty("e2e.url", running);
            System.setProperty("e2e.jdbc", options.getOrDefault("jdbc", ""));
        }
        try (var app = running != null
                ? E2eApp.start()
                : E2eApp.start(new E2eApp.Launch(
                        dataDir,
                        false,
                        List.of("-Xms512m", "-Xmx1g"),
                        appArguments(demoSize, options.getOrDefault("app-args", "")),
                        target.resolve("pageload-app.log")))) {
            System.out.printf(
                    "App ready in %d s%s%n",
                    (System.nanoTime() - started) / 1_000_000_000L, fresh ? " (tier generated)" : "");
            var messageId = largestMessage(app);
            ensureAFolder(app);
            var pages = List.of(
                            new Page(
                                    "Dashboard",
                                    "mobile-marketing/dashboard",
                                    "#stats-tiles [id$='-value']",
                                    "#message-grid",
                                    "#stats-overlap"),
                            new Page(
                                    "Message analytics",
                                    "mobile-marketing/messages/" + messageId,
                                    "#message-funnel [id^='funnel-']",
                                    "#recipients-grid",
                                    "#link-clicks"),
                            new Page("Files", "mobile-marketing/files", "", "#files-folders", ""))
                    .stream()
                    .filter(page -> chosen(options.get("pages"), page))
                    .toList();
            var profile = Files.createTempDirectory("pageload-chromium-");
            var driver = E2eTest.Browser.start(profile, target.resolve("pageload-downloads"));
            var rows = new ArrayList<Row>();
            try {
                signIn(driver, app.baseUrl());
                for (var page : pages) {
                    var first = new ArrayList<Visit>();
                    var repeat = new ArrayList<Visit>();
                    // Unmeasured visits first: the server's first calls run interpreted code and plan
                    // their queries; a server that has been up for a while has compiled both.
                    for (int i = 0; i < warmup; i++) {
                        visit(driver, app.baseUrl(), page, i % 2 == 0, false);
                    }
                    for (int i = 0; i < runs; i++) {
                        first.add(visit(driver, app.baseUrl(), page, true, phases));
                        repeat.add(visit(driver, app.baseUrl(), page, false, phases));
                    }
                    if (cpuProfile != null && rows.isEmpty()) {
                        // One more repeat visit of the first page (the dashboard), profiled.
                        profile(driver, app.baseUrl(), page, Path.of(cpuProfile));
                    }
                    rows.add(new Row(page, "first", median(first)));
                    rows.add(new Row(page, "repeat", median(repeat)));
                    System.out.println(rows.get(rows.size() - 2));
                    System.out.println(rows.getLast());
                }
            } finally {
                driver.quit();
            }
            var table = table(tier, label, runs, rows);
            System.out.println(table);
            if (!"none".equals(docs)) {
                writeDocs(Path.of(docs), label, table);
                System.out.println("Written to " + docs + " (block '" + label + "')");
            }
        }
    }

    /** {@code --pages=dashboard,files}: the pages whose names start with one of these words; all without. */
    private static boolean chosen(String pages, Page page) {
        return pages == null
                || Arrays.stream(pages.split(","))
                        .map(word -> word.strip().toLowerCase(Locale.ROOT))
                        .anyMatch(word -> !word.isEmpty()
                                && page.name().toLowerCase(Locale.ROOT).startsWith(word));
    }

    /** The tier's demo size, and any settings to compare ({@code --app-args=--a=1,--b=2}). */
    private static List<String> appArguments(String demoSize, String extra) {
        var arguments = new ArrayList<>(List.of("--app.demo.size=" + demoSize, "--app.demo.live-traffic=false"));
        Arrays.stream(extra.split(","))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .forEach(arguments::add);
        return arguments;
    }

    private static void signIn(ChromeDriver driver, String base) {
        driver.get(base + "login");
        var wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        var user = wait.until(d -> d.findElements(By.cssSelector("vaadin-login-form input[name='username']")).stream()
                .findFirst()
                .orElse(null));
        user.sendKeys(USER);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']"))
                .sendKeys("demo");
        driver.findElement(By.cssSelector(
                        "vaadin-login-form vaadin-button[slot='submit'], vaadin-button[theme~='submit']"))
                .click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * The Files page's first rows are its folder list: the demo data has no folders, so the
     * benchmark adds one (as a user would with "New folder") when the account has none.
     */
    private static void ensureAFolder(E2eApp app) throws Exception {
        try (var connection = app.connect();
                var insert = connection.prepareStatement(
                        "insert into folder (account_id, name, created_by) select ?, 'Raporty', 1"
                                + " where not exists (select 1 from folder where account_id = ?)")) {
            insert.setLong(1, ACCOUNT);
            insert.setLong(2, ACCOUNT);
            insert.executeUpdate();
        }
    }

    private static long largestMessage(E2eApp app) throws Exception {
        try (var connection = app.connect();
                var query = connection.prepareStatement(
                        "select message_id from message_stats where account_id = ? order by sent desc, message_id limit 1")) {
            query.setLong(1, ACCOUNT);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** One visit: a fresh document (cache emptied first for a first visit), timed until tile and rows are shown. */
    @SuppressWarnings("unchecked")
    private static Visit visit(ChromeDriver driver, String base, Page page, boolean emptyCache, boolean phases) {
        driver.get("about:blank");
        if (emptyCache) {
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        }
        var probe = driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        PROBE.formatted(
                                jsString(page.tileSelector()),
                                jsString(page.gridSelector()),
                                jsString(page.wholeSelector()))));
        try {
            driver.get(base + page.path());
            try {
                new WebDriverWait(driver, Duration.ofSeconds(180))
                        .pollingEvery(Duration.ofMillis(50))
                        .until(d -> Boolean.TRUE.equals(js(
                                d,
                                "const m = window.__pageLoad; return !!m && (m.tile !== null || !arguments[0])"
                                        + " && m.rows !== null && (m.whole !== null || !arguments[1]);",
                                !page.tileSelector().isEmpty(),
                                !page.wholeSelector().isEmpty())));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new IllegalStateException(
                        page.name() + ": no tile or rows at " + driver.getCurrentUrl() + ", marks "
                                + js(driver, "return JSON.stringify(window.__pageLoad)"),
                        e);
            }
            // Requests that follow the first rows (lazy parts, the grid's next page) belong to the load too.
            quiet(driver);
            var result = (Map<String, Object>) js(driver, TRANSFER);
            if (phases) {
                System.out.printf(
                        "%s, %s visit: tile %.0f ms, rows %.0f ms, whole %.0f ms; %s%n",
                        page.name(),
                        emptyCache ? "first" : "repeat",
                        number(result.get("tile")),
                        number(result.get("rows")),
                        number(result.get("whole")),
                        result.get("phases"));
            }
            return new Visit(
                    number(result.get("tile")),
                    number(result.get("rows")),
                    number(result.get("whole")),
                    number(result.get("html")),
                    (long) number(result.get("bytes")),
                    (long) number(result.get("uidl")),
                    (long) number(result.get("requests")),
                    (long) number(result.get("network")));
        } finally {
            driver.executeCdpCommand(
                    "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", probe.get("identifier")));
        }
    }

    /**
     * One more repeat visit recorded by the page's JavaScript CPU profiler (the DevTools protocol's
     * {@code Profiler} domain, sampling every 0.2 ms), written as a {@code .cpuprofile} that the
     * Performance panel of Chromium's DevTools opens. Plain protocol commands: Selenium's typed
     * DevTools client does not know every Chromium version.
     */
    @SuppressWarnings("unchecked")
    private static void profile(ChromeDriver driver, String base, Page page, Path file) throws IOException {
        driver.executeCdpCommand("Profiler.enable", Map.of());
        driver.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 200));
        driver.executeCdpCommand("Profiler.start", Map.of());
        var visit = visit(driver, base, page, false, false);
        var profile = (Map<String, Object>)
                driver.executeCdpCommand("Profiler.stop", Map.of()).get("profile");
        driver.executeCdpCommand("Profiler.disable", Map.of());
        Files.writeString(file, new Json().toJson(profile), StandardCharsets.UTF_8);
        System.out.printf(
                "Profiled %s (repeat visit, first rows %.0f ms) into %s%n", page.name(), visit.rowsMs(), file);
    }

    /** Waits until no Vaadin round trip has been in flight for half a second. */
    private static void quiet(ChromeDriver driver) {
        js(driver, """
                return new Promise(resolve => {
                  let idle = 0;
                  const tick = () => {
                    const flow = window.Vaadin && window.Vaadin.Flow;
                    const busy = flow && flow.clients && Object.values(flow.clients)
                        .some(c => typeof c.isActive === 'function' && c.isActive());
                    idle = busy ? 0 : idle + 50;
                    if (idle >= 500) resolve(true); else setTimeout(tick, 50);
                  };
                  tick();
                });
                """);
    }

    private static Object js(org.openqa.selenium.WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A JavaScript string literal (the selectors hold single quotes). */
    private static String jsString(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static Visit median(List<Visit> visits) {
        return new Visit(
                median(visits.stream().mapToDouble(Visit::tileMs).toArray()),
                median(visits.stream().mapToDouble(Visit::rowsMs).toArray()),
                median(visits.stream().mapToDouble(Visit::wholeMs).toArray()),
                median(visits.stream().mapToDouble(Visit::htmlMs).toArray()),
                (long) median(visits.stream().mapToDouble(Visit::bytes).toArray()),
                (long) median(visits.stream().mapToDouble(Visit::uidlBytes).toArray()),
                (long) median(visits.stream().mapToDouble(Visit::requests).toArray()),
                (long) median(visits.stream().mapToDouble(Visit::network).toArray()));
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2];
    }

    static String table(String tier, String label, int runs, List<Row> rows) {
        var out = new StringBuilder();
        out.append("#### ")
                .append(label)
                .append(" — tier ")
                .append(tier)
                .append(", measured ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(", median of ")
                .append(runs)
                .append(" visits, load average ")
                .append(loadAverage())
                .append(" on the shared 2-core machine\n\n");
        out.append(
                "| page | visit | first tile | first rows | all parts | HTML done | transferred | of it UIDL | requests (from network) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var row : rows) {
            var v = row.median();
            out.append("| ")
                    .append(row.page().name())
                    .append(" | ")
                    .append(row.visit())
                    .append(" | ")
                    .append(Double.isNaN(v.tileMs()) ? "—" : seconds(v.tileMs()))
                    .append(" | ")
                    .append(seconds(v.rowsMs()))
                    .append(" | ")
                    .append(Double.isNaN(v.wholeMs()) ? "—" : seconds(v.wholeMs()))
                    .append(" | ")
                    .append(seconds(v.htmlMs()))
                    .append(" | ")
                    .append(kilobytes(v.bytes()))
                    .append(" | ")
                    .append(kilobytes(v.uidlBytes()))
                    .append(" | ")
                    .append(v.requests())
                    .append(" (")
                    .append(v.network())
                    .append(") |\n");
        }
        return out.toString();
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    private static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%,d KB", Math.round(bytes / 1024.0)).replace(',', ' ');
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Replaces the block of this label between its markers, or appends it at the end of the file (the page-load section). */
    static void writeDocs(Path docs, String label, String table) throws IOException {
        var text = Files.readString(docs, StandardCharsets.UTF_8);
        var start = "<!-- pageload:" + label + ":start -->";
        var end = "<!-- pageload:" + label + ":end -->";
        var block = start + "\n" + table + end;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + block + text.substring(to + end.length());
        } else {
            // A new label goes last, after the blocks of earlier labels (before, after, ...).
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        Files.writeString(docs, text, StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String[] args) {
        var options = new LinkedHashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
            var eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return options;
    }

    private PageLoadBenchmark() {}
}
