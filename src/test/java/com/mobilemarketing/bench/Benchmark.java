package com.mobilemarketing.bench;

import com.mobilemarketing.Application;
import com.mobilemarketing.alerts.AlertProperties;
import com.mobilemarketing.alerts.AlertRepository;
import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.RecipientFilter;
import com.mobilemarketing.analytics.RecipientsCsv;
import com.mobilemarketing.analytics.WhoList;
import com.mobilemarketing.contacts.ContactRepository;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.security.UserRepository;
import com.mobilemarketing.cost.GatewayReportRepository;
import com.mobilemarketing.db.enums.MessageType;
import com.mobilemarketing.demo.DemoDataGenerator;
import com.mobilemarketing.demo.DemoSize;
import com.mobilemarketing.messages.MessageFilter;
import com.mobilemarketing.messages.MessageRepository;
import com.mobilemarketing.stats.StatsRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * The benchmark command: generates a data tier (or reuses it), times every screen's queries cold
 * and warm through the code the views use, replays the same SQL over raw JDBC, measures export
 * throughput and the heap of dashboard sessions, prints one table and writes it into
 * docs/benchmarks.md.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec@bench -Dbench.args="--tier=M"}. Options:
 * {@code --tier=S|M|L} (default S), {@code --budget-ms=} time per operation (default 1500),
 * {@code --max-reps=} (default 200), {@code --sessions=} dashboard sessions (default 50),
 * {@code --skip=export,sessions,queries,sketches,reconciliation}, {@code --only=} operations whose name contains this text
 * or one of several separated by {@code |} (then the docs are left alone unless {@code --docs=} is given; the alert
 * accounts are made only when an alert round is among them), {@code --generate-only}, {@code --hold=seconds} (keep the database up),
 * {@code --explain} (EXPLAIN ANALYZE of
 * every statement into target/), {@code --docs=} output file
 * (default docs/benchmarks.md, {@code none} to only print). Any option with a dot
 * ({@code --app.*}, {@code --spring.*}, {@code --vaadin.*}, ...) goes to the app; with {@code SPRING_DATASOURCE_URL} set the benchmark
 * uses that database instead of the embedded one in {@code target/bench-<tier>}.
 */
public final class Benchmark {

    /** The "now" every tier is generated at and measured at, so ranges and results repeat. */
    static final String ANCHOR = "2026-11-15T10:00:00Z";

    static final long SEED = 42;
    static final long ACCOUNT = 1;
    static final List<String> CSV_HEADER = List.of(
            "contact_id",
            "first_name",
            "last_name",
            "phone",
            "opted_in",
            "sent_at",
            "delivered_at",
            "opened_at",
            "clicked_at",
            "failed_at",
            "error_code",
            "error_permanent");

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        var options = new LinkedHashMap<String, String>();
        var springArgs = new ArrayList<String>();
        for (var arg : args) {
            if (arg.startsWith("--")
                    && arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length())
                            .contains(".")) {
                springArgs.add(arg);
            } else if (arg.startsWith("--")) {
                var eq = arg.indexOf('=');
                options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        var tier = options.getOrDefault("tier", "S").toUpperCase(Locale.ROOT);
        var size = switch (tier) {
            case "S" -> DemoSize.BENCH_SMALL;
            case "M" -> DemoSize.MEDIUM;
            case "L" -> DemoSize.LARGE;
            default -> throw new IllegalArgumentException("Tier must be S, M or L");
        };
        var skip = Set.of(options.getOrDefault("skip", "").split(","));
        var external = System.getenv("SPRING_DATASOURCE_URL") != null;
        var dataDir = Path.of("target", "bench-" + tier.toLowerCase(Locale.ROOT));
        var generationFile = Path.of("target", "bench-" + tier.toLowerCase(Locale.ROOT) + ".generation");

        try (var context = start(dataDir, springArgs)) {
            var db = context.getBean(DSLContext.class);
            var generation = generate(context, size, generationFile, external);
            if (options.containsKey("hold")) {
                // Keeps the tier's database up for psql / EXPLAIN sessions (the URL is in the log).
                Thread.sleep(Long.parseLong(options.get("hold")) * 1000);
                return;
            }
            if (options.containsKey("generate-only")) {
                System.out.println("Generation: " + generation);
                return;
            }
            var capture = new SqlCapture();
            addListener(db, capture);
            var clock = context.getBean(Clock.class);
            var zone = context.getBean(UserRepository.class)
                    .findAccount(ACCOUNT)
                    .orElseThrow()
                    .timeZone();
            var today = LocalDate.now(clock.withZone(zone));
            var notes = new ArrayList<String>();
            var screens = screens(context);
            // --only=reach|opt-in contacts: the operations whose name contains any of the texts.
            var only = List.of(
                    options.getOrDefault("only", "").toLowerCase(Locale.ROOT).split("\\|"));
            java.util.function.Predicate<String> selected =
                    name -> only.stream().anyMatch(name.toLowerCase(Locale.ROOT)::contains);
            // The thousand alert accounts' traffic only for a run that measures the alert round.
            var alerts = !skip.contains("queries") && selected.test("alert round");
            if (alerts) {
                notes.add(AlertAccounts.ensure(db, AlertAccounts.ACCOUNTS, clock.instant()));
            }
            // The unique-recipient sketches of every marked day (a new tier: all of them), before timing;
            // --skip=sketches measures with the sketches as they are (a note says how many days wait).
            var sketchStart = System.nanoTime();
            var sketchDays = 0;
            if (skip.contains("sketches")) {
                int marked = Tenant.allAccounts(() -> db.fetchCount(db.selectFrom("reach_sketch_dirty")));
                notes.add(
                        marked == 0
                                ? "Unique-recipient sketches not rebuilt (--skip=sketches): no day is marked, every day has its sketch."
                                : "Unique-recipient sketches not brought up to date (--skip=sketches): " + marked
                                        + " days still marked, their reach figures are partial.");
            } else {
                sketchDays = context.getBean(com.mobilemarketing.stats.ReachSketchTask.class)
                        .round();
            }
            if (sketchDays > 0) {
                notes.add(String.format(
                        Locale.ROOT,
                        "Unique-recipient sketches of %d days built in %.1f s before timing.",
                        sketchDays,
                        (System.nanoTime() - sketchStart) / 1e9));
            }
            var subject = subject(db, screens, ACCOUNT, today);
            var results = new ArrayList<Result>();
            if (!skip.contains("queries")) {
                var runner = new Runner(
                        capture,
                        context.getBean(DataSource.class),
                        Long.parseLong(options.getOrDefault("budget-ms", "1500")),
                        Integer.parseInt(options.getOrDefault("max-reps", "200")));
                results.addAll(runner.runAll(
                        Workload.operations(screens, subject).stream()
                                .filter(op -> selected.test(op.name()))
                                .toList(),
                        result -> System.out.printf(
                                Locale.ROOT,
                                "%-20s %-50s first %9s  p50 %9s  p95 %9s  p99 %9s  n %3d  raw p50 %9s%n",
                                result.op().group().label,
                                result.op().name(),
                                Report.ms(result.coldMillis()),
                                Report.ms(result.warm().p50()),
                                Report.ms(result.warm().p95()),
                                Report.ms(result.warm().p99()),
                                result.warm().n(),
                                Report.ms(result.raw().p50()))));
                if (options.containsKey("explain")) {
                    var explained = new StringBuilder();
                    for (var result : results) {
                        explained
                                .append("-- ")
                                .append(result.op().group().label)
                                .append(": ")
                                .append(result.op().name())
                                .append('\n')
                                .append(runner.explain(result));
                    }
                    Files.writeString(
                            Path.of("target", "bench-" + tier.toLowerCase(Locale.ROOT) + "-explain.txt"), explained);
                }
                writeSql(tier, results);
            }
            if (alerts && !skip.contains("alert-cpu")) {
                var start = today.atTime(10, 0).toInstant(ZoneOffset.UTC);
                var note = AlertAccounts.cpuPerRound(
                        db,
                        CpuClock.of(dataDir),
                        20,
                        start,
                        millis -> Tenant.allAccounts(() ->
                                screens.alerts().round(java.time.Instant.ofEpochMilli(millis), screens.alertRules())));
                System.out.println(note);
                notes.add(note);
            }
            var exports = new ArrayList<ExportProbe.Outcome>();
            if (!skip.contains("export")) {
                var file = Path.of("target", "bench-export-" + tier.toLowerCase(Locale.ROOT) + ".csv");
                // Twice in this JVM: the first export also pays for compiling the export's code, which a
                // server that has exported before has done; the report gives both.
                for (var pass : List.of("first in this JVM", "second")) {
                    var outcome = ExportProbe.measure(
                            "recipients of the largest message (analytics CSV, cursor), " + pass,
                            ACCOUNT,
                            subject.largestRecipients(),
                            file,
                            CpuClock.of(dataDir),
                            out -> RecipientsCsv.write(
                                    screens.recipients(), subject.largest(), RecipientFilter.all(), CSV_HEADER, out));
                    exports.add(outcome);
                    System.out.printf(
                            Locale.ROOT,
                            "export (%s): %,d rows in %.2f s = %,.0f rows/s, %s rows per CPU second, heap growth %s%n",
                            pass,
                            outcome.rows(),
                            outcome.seconds(),
                            outcome.rowsPerSecond(),
                            outcome.cpu(),
                            Heap.mib(outcome.heapGrowthBytes()));
                }
                Files.deleteIfExists(file);
            }
            if (!skip.contains("reconciliation")) {
                var note = ReconciliationProbe.measure(
                        db,
                        context.getBean(GatewayReportRepository.class),
                        context.getBean(DemoDataGenerator.class),
                        ACCOUNT,
                        CpuClock.of(dataDir));
                System.out.println(note);
                notes.add(note);
            }
            SessionMemory.Outcome sessions = null;
            if (!skip.contains("sessions")) {
                sessions = SessionMemory.measure(
                        context, "anna", Integer.parseInt(options.getOrDefault("sessions", "50")));
                System.out.printf(
                        Locale.ROOT, "sessions: %d KiB per dashboard session%n", sessions.perSessionBytes() / 1024);
            }
            var header = new Report.Header(
                    tier,
                    DateTimeFormatter.ISO_LOCAL_DATE.format(OffsetDateTime.now(ZoneOffset.UTC)),
                    Machine.describe(),
                    String.valueOf(db.fetchValue("select version()")),
                    dataDescription(db),
                    generation,
                    "analytics RecipientsCsv",
                    "the feature repositories the views call (StatsRepository, ContactRepository, MessageRepository, AnalyticsRepository, RecipientListRepository, ReachRepository, CampaignRepository, AlertRepository)");
            var markdown = Report.markdown(header, results, exports, sessions, notes);
            System.out.println();
            System.out.println(markdown);
            // A partial run (--only) prints its table but leaves the tier's full table in the docs alone.
            var docs = options.getOrDefault("docs", options.containsKey("only") ? "none" : "docs/benchmarks.md");
            if (!docs.equals("none")) {
                Report.writeInto(Path.of(docs), tier, markdown);
            }
        }
    }

    static ConfigurableApplicationContext start(Path dataDir, List<String> springArgs) {
        // Command-line arguments, so they win over application.properties; the caller's own win over these.
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("app.embedded-db.data-dir", dataDir.toString());
        defaults.put("app.embedded-db.port", "0");
        defaults.put("app.demo.enabled", "false");
        // The demo is off, so the built-in development link secret is refused; the tiers are
        // throw-away data, generated faster without fsync.
        defaults.put("app.ingest.link-secret", "benchmark-link-secret-0123456789");
        defaults.put("app.embedded-db.durable", "false");
        defaults.put("app.clock.fixed", ANCHOR);
        // The benchmark times alert rounds itself; a background round would also race the bulk load.
        defaults.put("app.alerts.enabled", "false");
        // The same for the unique-recipient sketches: the benchmark builds them before timing.
        defaults.put("app.reach.enabled", "false");
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.level.root", "warn");
        defaults.put("logging.level.com.mobilemarketing", "info");
        // As deployed: development mode keeps a creation stack trace of every component (dev tools).
        defaults.put("vaadin.productionMode", "true");
        var arguments = new ArrayList<>(springArgs);
        defaults.forEach((key, value) -> {
            if (springArgs.stream().noneMatch(a -> a.startsWith("--" + key + "="))) {
                arguments.add("--" + key + "=" + value);
            }
        });
        // A servlet environment without a server (what @SpringBootTest calls MOCK): the views and
        // their Spring beans exist for the session measurement, nothing listens on a port.
        return new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .contextFactory(type -> new GenericWebApplicationContext(new MockServletContext()))
                .run(arguments.toArray(String[]::new));
    }

    private static String generate(ConfigurableApplicationContext context, DemoSize size, Path record, boolean external)
            throws IOException {
        var generator = context.getBean(DemoDataGenerator.class);
        if (generator.hasData()) {
            // A tier generated before the consent history gets its history rows once.
            var seeded = generator.ensureConsentHistory();
            if (seeded > 0) {
                System.out.println("Consent history seeded: " + seeded + " rows");
            }
            // And its orders, if it was generated before them.
            var withOrders = generator.ensureOrderHistory(SEED, OffsetDateTime.now(context.getBean(Clock.class)));
            if (withOrders > 0) {
                System.out.println("Order history generated for " + withOrders + " accounts");
            }
            // Migrations newer than the tier may have rewritten tables: measure a settled database
            // (statistics, visibility map for index-only scans). Quick when nothing changed.
            Tenant.runAllAccounts(() -> context.getBean(DSLContext.class).execute("vacuum analyze"));
            return Files.exists(record) ? Files.readString(record).trim() + " (reused)" : "reused existing data";
        }
        var clock = context.getBean(Clock.class);
        System.out.println("Generating tier " + size.name() + " ...");
        var start = System.nanoTime();
        generator.generate(size, SEED, OffsetDateTime.now(clock), DemoDataGenerator.Load.BULK);
        var seconds = (System.nanoTime() - start) / 1e9;
        var rows = Tenant.allAccounts(() -> context.getBean(DSLContext.class)
                .fetchSingle("select coalesce(sum(recipients), 0) from message_stats")
                .get(0, Long.class));
        var text = String.format(
                Locale.ROOT,
                "%,d recipient rows in %.0f s (%,.0f rows/s) on %s",
                rows,
                seconds,
                rows / seconds,
                DateTimeFormatter.ISO_LOCAL_DATE.format(OffsetDateTime.now(ZoneOffset.UTC)));
        Files.createDirectories(record.toAbsolutePath().getParent());
        if (!external) {
            Files.writeString(record, text + "\n");
        }
        System.out.println("Generated: " + text);
        return text;
    }

    /** Adds the capture to jOOQ's listeners (shared by every repository); returns the previous ones. */
    static ExecuteListenerProvider[] addListener(DSLContext db, SqlCapture capture) {
        var configuration = db.configuration();
        var providers = configuration.executeListenerProviders();
        var all = Arrays.copyOf(providers, providers.length + 1, ExecuteListenerProvider[].class);
        all[providers.length] = () -> capture;
        configuration.set(all);
        return providers;
    }

    static Workload.Screens screens(org.springframework.context.ApplicationContext context) {
        return new Workload.Screens(
                context.getBean(StatsRepository.class),
                context.getBean(ContactRepository.class),
                context.getBean(MessageRepository.class),
                context.getBean(AnalyticsRepository.class),
                context.getBean(com.mobilemarketing.analytics.RecipientListRepository.class),
                context.getBean(AlertRepository.class),
                context.getBean(AlertProperties.class),
                context.getBean(com.mobilemarketing.stats.ReachRepository.class),
                context.getBean(com.mobilemarketing.analytics.CampaignRepository.class));
    }

    /** The account's largest message (by recipients) and the sizes of its lists, read through the repositories. */
    static Workload.Subject subject(DSLContext db, Workload.Screens screens, long account, LocalDate today) {
        return Tenant.call(account, () -> {
            var largestId = db.fetchSingle(
                            "select message_id from message_stats where account_id = ? order by recipients desc, message_id limit 1",
                            account)
                    .get(0, Long.class);
            var ref = screens.analytics()
                    .findMessage(account, largestId)
                    .orElseThrow()
                    .ref();
            var funnel = screens.analytics().funnel(ref);
            var sizes = new EnumMap<WhoList, Long>(WhoList.class);
            for (var list : WhoList.values()) {
                sizes.put(list, screens.recipients().total(ref, RecipientFilter.of(list)));
            }
            var tabs = screens.messages().countByType(MessageFilter.of(account, MessageType.BULK));
            var optIn = screens.stats().optInCounts(account).any();
            // The campaign with the most recipients (none in a database made before campaigns).
            var campaign = db.fetchOptional(
                            "select m.campaign_id from message m join message_stats s on s.account_id = m.account_id "
                                    + "and s.message_id = m.id where m.account_id = ? and m.campaign_id is not null "
                                    + "group by m.campaign_id order by sum(s.recipients) desc limit 1",
                            account)
                    .map(r -> r.get(0, Long.class))
                    .orElse(null);
            if (campaign != null) {
                // What the background task does after its recipients change; the screen reads the kept count.
                long start = System.nanoTime();
                screens.campaigns().refresh(account, campaign);
                System.out.printf(
                        "Counted the reach of the largest campaign (the background task's work) in %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
            }
            return new Workload.Subject(account, today, ref, funnel.recipients(), sizes, tabs, optIn, campaign);
        });
    }

    private static String dataDescription(DSLContext db) {
        return Tenant.allAccounts(() -> {
            var row = db.fetchSingle("""
                    select (select coalesce(sum(recipients), 0) from message_stats),
                           (select count(*) from message),
                           (select count(*) from contact),
                           (select max(recipients) from message_stats),
                           pg_size_pretty(pg_database_size(current_database()))
                    """);
            return String.format(
                    Locale.ROOT,
                    "%,d recipient rows, %,d messages, %,d contacts, largest message %,d recipients; database %s",
                    row.get(0, Long.class),
                    row.get(1, Long.class),
                    row.get(2, Long.class),
                    row.get(3, Long.class),
                    row.get(4, String.class));
        });
    }

    /** The SQL of each operation, to read and to EXPLAIN. */
    private static void writeSql(String tier, List<Result> results) throws IOException {
        var out = new StringBuilder();
        for (var r : results) {
            out.append("-- ")
                    .append(r.op().group().label)
                    .append(": ")
                    .append(r.op().name())
                    .append('\n');
            for (var s : r.sql()) {
                out.append(s.inlined()).append(";\n");
            }
            out.append('\n');
        }
        var file = Path.of("target", "bench-" + tier.toLowerCase(Locale.ROOT) + "-queries.sql");
        Files.writeString(file, out);
    }
}
