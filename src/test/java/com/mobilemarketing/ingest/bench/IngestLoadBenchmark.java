package com.mobilemarketing.ingest.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.mobilemarketing.Recount;
import com.mobilemarketing.bench.CpuClock;
import com.mobilemarketing.bench.HandOff;
import com.mobilemarketing.core.db.EmbeddedDatabase;
import com.mobilemarketing.core.db.FoldQueue;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Load benchmark of the callback path (not a test). The benchmark owns the database (a throw-away
 * embedded PostgreSQL) and the load generator; the app runs as a child process on 127.0.0.1 with
 * the small demo data. It creates WhatsApp messages with recipients, builds and signs every
 * callback up front (sent, delivered, read per recipient, each one unique, one status per
 * request), posts them at a target rate from a fixed number of threads over keep-alive
 * connections, and stops by itself. With {@code --kill-at} it kills the app with SIGKILL in the
 * middle and starts a new one on the same database while the load goes on; callbacks without a 2xx
 * are retried like a provider does. At the end it checks from the database that every callback
 * answered 2xx is stored (none lost), none is stored twice and the counters equal a recount.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec@ingest -Dingest.args="--seconds=60
 * --rate=5000 --threads=16 --kill-at=30"}. Options: {@code --seconds=} (60), {@code --rate=}
 * target callbacks/s (5000), {@code --threads=} senders and connections (16), {@code --kill-at=}
 * seconds into the run (none), {@code --warmup=} seconds of load on messages of their own before
 * the measured rounds (none) and {@code --warmup-rate=} its rate (the first round's; a high one
 * compiles the callback path fully before a low rate is measured), {@code --tier=S|M|L} (a copy
 * of a generated tier instead of the demo data; {@code --copy=false} runs on the tier itself, for
 * the L tier whose copy would not fit on the disk), {@code --durable=false} (the database without fsync,
 * synchronous_commit and full_page_writes; durable by default, as the app's embedded database is),
 * {@code --recount=false} (no recount of the account's counters and rollups at the end, which over the
 * L tier's 100 M recipients takes longer than the run; events lost or stored twice are still
 * checked), {@code --shared-buffers=4GB} (the database's buffer cache instead of the embedded
 * database's 512 MB, for a tier larger than the machine's memory), {@code --prewarm} (the relations
 * the opt-outs and orders read, see {@link #PREWARMED}, read into the machine's page cache before the
 * warm-up, so that runs on a tier larger than memory start with the same relations cached; the
 * report's "page cache before" says how much the cache held), {@code --pricing} (the "sent" and
 * "delivered" statuses carry a pricing object with their category, as WhatsApp's do, so the fold
 * reprices each of those recipients), {@code --listener} (the callbacks go to the app's callback
 * listener on a port of its own, {@code app.ingest.listener-port}, instead of the app's port), {@code --explain-slow=ms} (the
 * plans of slower statements, nested ones included, into target/ingest-slow-plans.log), {@code --profile} (a JFR recording of the app into
 * target/ingest.jfr from a third of the run on, when the app is warm, for at most 30 s). Any
 * option with a dot ({@code --app.*}, {@code --server.*}, ...) goes to the app; its JVM options
 * come from {@code -Dingest.app.jvm=...}. See docs/ingest.md.
 */
public final class IngestLoadBenchmark {

    private static final long ACCOUNT = 1;
    private static final String SECRET = "demo-secret-whatsapp-1";
    private static final String VERIFY_TOKEN = "demo-verify-1";
    private static final String PATH = "/callbacks/whatsapp/" + ACCOUNT;
    /** The first run's warm-up messages; its measured ones start 100 M above (see {@link Ids}). */
    private static final long FIRST_RUN_WARMUP_MESSAGE = 700_000_000L;
    /** How far each further run on the tier itself ({@code --copy=false}) moves its ids up. */
    private static final long RUN_STRIDE = 1_000_000_000L;

    private static final Path LOG = Path.of("target", "ingest-app.log");
    private static final Path RECORDING = Path.of("target", "ingest.jfr");
    /** The database's log with auto_explain's plans ({@code --explain-slow}). */
    private static final Path SLOW_PLANS = Path.of("target", "ingest-slow-plans.log");
    /**
     * What a fresh opt-out and an order read, for {@code --prewarm}: 18 GB at the L tier
     * (docs/benchmarks.md, "Reading ahead of the consent writer").
     */
    static final List<String> PREWARMED = List.of(
            "contact",
            "contact_pkey",
            "contact_phone_key",
            "contact_email",
            "optin_list",
            "optin_list_pkey",
            "optin_list_name",
            "optin_list_phone",
            "consent_change",
            "consent_change_pkey",
            "consent_change_contact",
            "consent_change_provider",
            "consent_change_message",
            "contact_consent",
            "contact_consent_pkey",
            "contact_consent_opted_in",
            "message_recipient_contact",
            "order_event");

    /** What the app logs when its demo data is ready (generated now or found). */
    private static final List<String> DEMO_READY = List.of("generated in", "already has data");

    record Options(
            int seconds,
            List<Integer> rates,
            int threads,
            int killAt,
            boolean profile,
            boolean durable,
            String tier,
            boolean statements,
            int warmup,
            int warmupRate,
            int orders,
            int orderBatch,
            int optOuts,
            boolean copy,
            int explainSlowMs,
            boolean recount,
            String sharedBuffers,
            boolean prewarm,
            boolean pricing,
            boolean listener,
            List<String> appArguments) {

        int rate() {
            return rates.getFirst();
        }

        /** The warm-up's rate: {@code --warmup-rate}, or else the first measured rate. */
        int warmupRateOrFirst() {
            return warmupRate > 0 ? warmupRate : rate();
        }

        static Options parse(String[] args) {
            var values = new HashMap<String, String>();
            var app = new ArrayList<String>();
            for (var arg : args) {
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("Unknown argument " + arg + " (options look like --rate=5000)");
                }
                int eq = arg.indexOf('=');
                var name = arg.substring(2, eq < 0 ? arg.length() : eq);
                if (name.contains(".")) {
                    app.add(arg);
                } else {
                    values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
                }
            }
            var rates = Arrays.stream(values.getOrDefault("rates", values.getOrDefault("rate", "5000"))
                            .split(","))
                    .map(String::trim)
                    .map(Integer::parseInt)
                    .toList();
            var options = new Options(
                    Integer.parseInt(values.getOrDefault("seconds", "60")),
                    rates,
                    Integer.parseInt(values.getOrDefault("threads", "16")),
                    Integer.parseInt(values.getOrDefault("kill-at", "0")),
                    Boolean.parseBoolean(values.getOrDefault("profile", "false")),
                    Boolean.parseBoolean(values.getOrDefault("durable", "true")),
                    values.getOrDefault("tier", "").toUpperCase(java.util.Locale.ROOT),
                    Boolean.parseBoolean(values.getOrDefault("statements", "false")),
                    Integer.parseInt(values.getOrDefault("warmup", "0")),
                    Integer.parseInt(values.getOrDefault("warmup-rate", "0")),
                    Integer.parseInt(values.getOrDefault("orders", "0")),
                    Integer.parseInt(values.getOrDefault("order-batch", "50")),
                    Integer.parseInt(values.getOrDefault("optouts", "0")),
                    Boolean.parseBoolean(values.getOrDefault("copy", "true")),
                    Integer.parseInt(values.getOrDefault("explain-slow", "0")),
                    Boolean.parseBoolean(values.getOrDefault("recount", "true")),
                    values.getOrDefault("shared-buffers", ""),
                    Boolean.parseBoolean(values.getOrDefault("prewarm", "false")),
                    Boolean.parseBoolean(values.getOrDefault("pricing", "false")),
                    Boolean.parseBoolean(values.getOrDefault("listener", "false")),
                    List.copyOf(app));
            values.keySet()
                    .removeAll(List.of(
                            "seconds",
                            "rate",
                            "rates",
                            "threads",
                            "kill-at",
                            "profile",
                            "durable",
                            "tier",
                            "statements",
                            "warmup",
                            "warmup-rate",
                            "orders",
                            "order-batch",
                            "optouts",
                            "copy",
                            "explain-slow",
                            "recount",
                            "shared-buffers",
                            "prewarm",
                            "pricing",
                            "listener"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("Unknown options " + values.keySet());
            }
            if (options.killAt() >= options.seconds()) {
                throw new IllegalArgumentException("--kill-at must lie inside the run");
            }
            if (!options.tier().isEmpty() && !List.of("S", "M", "L").contains(options.tier())) {
                throw new IllegalArgumentException("--tier must be S, M or L");
            }
            if (options.rates().size() > 1 && options.killAt() > 0) {
                throw new IllegalArgumentException("--kill-at runs one rate");
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        var options = Options.parse(args);
        var summaries = new ArrayList<Summary>();
        if (options.tier().isEmpty()) {
            // Durable like the app's own embedded database, unless --durable=false.
            var database = EmbeddedDatabase.ephemeral(options.durable(), serverConfig(options));
            summaries.addAll(runOnce(options, database, database.jdbcUrl(), true));
        } else {
            var dataDir = Path.of("target", "bench-" + options.tier().toLowerCase(java.util.Locale.ROOT));
            if (!Files.isDirectory(dataDir)) {
                throw new IllegalStateException("No tier in " + dataDir + "; generate it first: "
                        + "./mvnw -Pbench test-compile exec:exec@bench -Dbench.args=\"--tier=" + options.tier()
                        + " --generate-only\"");
            }
            try (var database = EmbeddedDatabase.persistent(dataDir, 0, options.durable(), serverConfig(options))) {
                if (options.copy()) {
                    // A copy, so the tier itself never changes.
                    var url = TierCopy.create(database);
                    try {
                        summaries.addAll(runOnce(options, database, url, false));
                    } finally {
                        TierCopy.drop(database);
                    }
                } else {
                    // The L tier's copy would need its size again on disk.
                    summaries.addAll(runOnce(options, database, database.jdbcUrl(), false));
                }
            }
        }
        if (summaries.size() > 1) {
            Summary.print(options, summaries);
        }
        System.exit(summaries.stream().allMatch(Summary::passed) ? 0 : 1);
    }

    /**
     * How much of the machine's memory held file pages before the load (/proc/meminfo): on a tier
     * larger than memory this decides how many of the load's reads go to the disk.
     */
    private static String pageCache() {
        try {
            var values = new HashMap<String, Long>();
            for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                var parts = line.split("\\s+");
                values.put(parts[0], Long.parseLong(parts[1]));
            }
            return "%.1f GB of %.1f GB of memory"
                    .formatted(values.get("Cached:") / 1048576.0, values.get("MemTotal:") / 1048576.0);
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Vacuums and analyzes what the warm-up, the earlier rounds and this round's preparation left
     * behind, before the round's clock starts, as a database in use would long have done. Otherwise
     * an autovacuum worker takes them on during the round and its CPU counts as the round's
     * callbacks': after the warm-up's 180 000 callbacks, 0.3 s of a 500/s round's 2 s in some runs and
     * none in others. What the round's own callbacks leave is not vacuumed here: an autovacuum worker
     * that takes it on during the round counts, as before.
     */
    private static void vacuumBeforeRound(EmbeddedDatabase database, String jdbcUrl) throws SQLException {
        long start = System.nanoTime();
        try (var connection = TierCopy.superuser(database, TierCopy.databaseName(jdbcUrl));
                var statement = connection.createStatement()) {
            var tables = new ArrayList<String>();
            try (var result = statement.executeQuery("select format('%I.%I', schemaname, relname) "
                    + "from pg_stat_user_tables "
                    + "where n_dead_tup > 0 or n_mod_since_analyze > 0 or n_ins_since_vacuum > 0 "
                    + "order by 1")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                statement.execute("vacuum (analyze) " + String.join(", ", tables));
            }
            System.out.printf(
                    "Vacuumed and analyzed the %d tables with changes since their last vacuum in %.1f s, before the round%n",
                    tables.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** Reads {@link #PREWARMED} into the machine's page cache (pg_prewarm's 'read' mode, not the buffer cache). */
    private static void prewarm(EmbeddedDatabase database, String jdbcUrl) throws SQLException {
        long start = System.nanoTime();
        try (var connection = TierCopy.superuser(database, TierCopy.databaseName(jdbcUrl));
                var statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_prewarm");
            try (var call =
                    connection.prepareStatement("select coalesce(sum(pg_prewarm(c.oid, 'read')), 0) from pg_class c "
                            + "where c.relnamespace = 'public'::regnamespace and c.relname = any(?)")) {
                call.setArray(1, connection.createArrayOf("text", PREWARMED.toArray()));
                try (var result = call.executeQuery()) {
                    result.next();
                    System.out.printf(
                            "Read %d MB of %d relations into the page cache in %.0f s%n",
                            result.getLong(1) * 8 / 1024, PREWARMED.size(), (System.nanoTime() - start) / 1e9);
                }
            }
        }
    }

    /**
     * Waits until the app has built the unique-recipient sketches of every day and month the tier
     * marked dirty (at most 15 min). A freshly generated tier leaves them all to the app's first sketch
     * round, and that one-off build (761 days and months, 97 s at the M tier) fell into the
     * warm-up and the first measured rate, which it made look several times dearer.
     */
    private static void awaitSketchBacklog(DSLContext db) throws InterruptedException {
        var pending = "select (select count(*) from reach_sketch_dirty) + (select count(*) from reach_month_dirty)";
        var start = System.nanoTime();
        long first = db.fetchSingle(pending).get(0, Long.class);
        long left = first;
        while (left > 0 && System.nanoTime() - start < Duration.ofMinutes(15).toNanos()) {
            Thread.sleep(DRAIN_POLL_MILLIS);
            left = db.fetchSingle(pending).get(0, Long.class);
        }
        if (first > 0) {
            System.out.printf(
                    "The app's sketch round built the tier's %d dirty days and months in %.0f s (%d left) before the load%n",
                    first, (System.nanoTime() - start) / 1e9, left);
        }
    }

    /**
     * Load at the same rate on messages of their own before the measured run: a fresh JVM spends
     * its first minute compiling the callback path (JIT), which a running app has long done, and
     * which would otherwise count as CPU per callback.
     */
    private static void warmUp(Options options, Ids ids, int rate, DSLContext db, int port, int callbackPort)
            throws Exception {
        int count = Math.multiplyExact(options.warmup(), rate);
        prepare(db, CallbackPlan.recipientsNeeded(count, rate), ids.warmupMessage(), "W" + ids.tag());
        var providerIds = providerIds(db, ids.warmupMessage(), ids.firstMessage());
        // Orders and opt-outs too, so their paths are compiled before the measured window as well.
        // Made first: the opt-outs' SMS is inserted, which the callbacks' window must not include.
        var alongside = java.util.stream.Stream.of(
                        options.orders() <= 0 ? null : orderLoad(options, db, port, "WARM" + ids.tag() + "-"),
                        options.optOuts() <= 0
                                ? null
                                : optOutLoad(
                                        options,
                                        db,
                                        port,
                                        "SMWARM" + ids.tag() + "-",
                                        ids.warmupOptOutMessage(),
                                        options.warmup() + 10,
                                        false))
                .filter(java.util.Objects::nonNull)
                .toList();
        var plan = CallbackPlan.build(
                providerIds, count, rate, "127.0.0.1", callbackPort, PATH, SECRET, options.pricing());
        var load = callbackLoad(options, plan, callbackPort, rate, System.nanoTime() + 200_000_000L, options.warmup());
        System.out.printf("Warming the app up: %d s at %d/s ...%n", options.warmup(), rate);
        alongside.forEach(WebhookLoad::start);
        load.start();
        load.awaitEnd();
        for (var webhooks : alongside) {
            webhooks.stop();
        }
        awaitDrained(db);
        System.out.printf("Warm-up: %d callbacks accepted%n", load.acceptedCount());
    }

    /** Seconds of each measured rate right before its round ({@link #warmUpLikeTheRound}). */
    static final int ROUND_WARMUP_SECONDS = 20;

    /**
     * Before each round, its rate for {@value #ROUND_WARMUP_SECONDS} s, unmeasured, the way the round
     * will come: after the same pause, on new connections. A warm-up at one rate on connections
     * opened at its start leaves the compiled callback path without the branches a round then takes
     * for the first time (a connection accepted, a writer woken after a pause, a loop that sleeps
     * between requests): the round's first requests deoptimized the listener's loop, and at 500/s it
     * ran partly in less optimized code until the JIT had compiled it again, 17 s into the round
     * (0.7–1.1 s of JIT compilation in the round, 8–15 µs a callback in its warm half). Right before
     * its own round, not all rates first: after 5 000/s the JIT still compiled 0.2 s during the 500/s
     * round's second half. An app that runs at a rate has long compiled its code for it.
     */
    private static void warmUpLikeTheRound(
            Options options,
            Round round,
            int rate,
            EmbeddedDatabase database,
            String jdbcUrl,
            DSLContext db,
            int callbackPort)
            throws Exception {
        int count = Math.multiplyExact(ROUND_WARMUP_SECONDS, rate);
        prepare(db, CallbackPlan.recipientsNeeded(count, rate), round.firstMessage(), round.prefix());
        var providerIds = providerIds(db, round.firstMessage(), round.firstMessage() + Ids.ROUND_MESSAGES);
        var plan = CallbackPlan.build(
                providerIds, count, rate, "127.0.0.1", callbackPort, PATH, SECRET, options.pricing());
        vacuumBeforeRound(database, jdbcUrl);
        Thread.sleep(5000);
        var load =
                callbackLoad(options, plan, callbackPort, rate, System.nanoTime() + 500_000_000L, ROUND_WARMUP_SECONDS);
        System.out.printf(
                "Warming the app up as the round comes: %d s at %d/s on new connections ...%n",
                ROUND_WARMUP_SECONDS, rate);
        load.start();
        load.awaitEnd();
        awaitDrained(db);
        System.out.printf("Warm-up at %d/s: %d callbacks accepted%n", rate, load.acceptedCount());
    }

    /** The plan's callbacks at {@code rate} to {@code port} of the loopback for {@code seconds} from {@code start}. */
    private static CallbackLoad callbackLoad(
            Options options, CallbackPlan plan, int port, int rate, long start, long seconds) {
        return new CallbackLoad(
                plan,
                new InetSocketAddress("127.0.0.1", port),
                rate,
                options.threads(),
                start,
                start + seconds * 1_000_000_000L);
    }

    /** The provider ids of Flora's recipients of messages {@code fromMessage} to before {@code toMessage}, in plan order. */
    private static List<String> providerIds(DSLContext db, long fromMessage, long toMessage) {
        return db.fetch(
                        "select provider_message_id from message_recipient where account_id = ? and message_id >= ? "
                                + "and message_id < ? order by message_id, contact_id",
                        ACCOUNT,
                        fromMessage,
                        toMessage)
                .getValues(0, String.class);
    }

    /** Waits until the app has folded every event (at most 2 min). */
    private static void awaitDrained(DSLContext db) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!drained(db) && System.nanoTime() < deadline) {
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
    }

    /**
     * pg_stat_statements for {@code --statements}; for {@code --explain-slow=ms} auto_explain logs
     * the plan (actual rows, buffers, the statements of functions and triggers included) of every
     * statement slower than that into {@link #SLOW_PLANS}.
     */
    private static Map<String, String> serverConfig(Options options) {
        var config = new HashMap<String, String>();
        if (!options.sharedBuffers().isEmpty()) {
            config.put("shared_buffers", options.sharedBuffers());
        }
        if (options.statements()) {
            config.putAll(Statements.SERVER_CONFIG);
        }
        if (options.explainSlowMs() > 0) {
            config.merge("shared_preload_libraries", "auto_explain", (a, b) -> a + "," + b);
            config.put("auto_explain.log_min_duration", options.explainSlowMs() + "ms");
            config.put("auto_explain.log_analyze", "on");
            config.put("auto_explain.log_buffers", "on");
            config.put("auto_explain.log_nested_statements", "on");
            config.put("logging_collector", "on");
            config.put("log_directory", SLOW_PLANS.toAbsolutePath().getParent().toString());
            config.put("log_filename", SLOW_PLANS.getFileName().toString());
            config.put("log_truncate_on_rotation", "on");
        }
        return config;
    }

    /**
     * One app on the database, warmed up once, then every rate after the other, each on messages of
     * its own ({@link Round}), so the app's JIT warm-up counts for none of them.
     */
    private static List<Summary> runOnce(Options options, EmbeddedDatabase database, String jdbcUrl, boolean demo)
            throws Exception {
        var postgres = CpuClock.ofServer(
                TierCopy.url(database, "postgres"), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
        int port = freePort();
        // The callbacks go to the callback listener's port with --listener, else to the app's.
        int callbackPort = options.listener() ? freePort() : port;
        var app = new AppProcess(
                jvmOptions(options),
                appArguments(options, demo, callbackPort == port ? -1 : callbackPort),
                Map.of(
                        "SPRING_DATASOURCE_URL", jdbcUrl,
                        "SPRING_DATASOURCE_USERNAME", database.username(),
                        "SPRING_DATASOURCE_PASSWORD", database.password()),
                LOG,
                port);
        Files.deleteIfExists(LOG);
        Files.deleteIfExists(RECORDING);
        System.out.printf(
                "Starting the app on 127.0.0.1:%d (%s; its log: %s) ...%n",
                port, demo ? "small demo data" : "tier " + options.tier() + (options.copy() ? ", a copy" : ""), LOG);
        app.start();
        var summaries = new ArrayList<Summary>();
        try {
            // A tier made before a new migration gets it now: an index over the L tier's 100 M
            // recipients takes many minutes to build.
            app.awaitReady(Duration.ofMinutes(demo ? 10 : 90), VERIFY_TOKEN, demo ? DEMO_READY : List.of());
            try (var connection = connect(jdbcUrl, database);
                    var samplerConnection = connect(jdbcUrl, database)) {
                var db = DSL.using(connection, SQLDialect.POSTGRES);
                var ids = Ids.above(db);
                if (ids.tag().length() > 0) {
                    System.out.printf(
                            "Earlier runs left their messages in the tier: this one's ids start at %d, "
                                    + "its orders and opt-outs carry run tag %s%n",
                            ids.warmupMessage(), ids.tag());
                }
                if (options.prewarm()) {
                    prewarm(database, jdbcUrl);
                }
                if (!demo && !options.appArguments().contains("--app.reach.enabled=false")) {
                    awaitSketchBacklog(db);
                }
                if (options.warmup() > 0) {
                    warmUp(options, ids, options.warmupRateOrFirst(), db, port, callbackPort);
                }
                // Shop orders and SMS opt-outs go alongside the callbacks of every round; their checks
                // come after the last.
                var orderLoad = options.orders() <= 0 ? null : orderLoad(options, db, port, ids.orderPrefix());
                var optOutLoad = options.optOuts() <= 0
                        ? null
                        : optOutLoad(
                                options,
                                db,
                                port,
                                ids.optOutPrefix(),
                                ids.optOutMessage(),
                                options.seconds() * options.rates().size() + 30,
                                true);
                var alongside = java.util.stream.Stream.of(orderLoad, optOutLoad)
                        .filter(java.util.Objects::nonNull)
                        .toList();
                WebhookLoad.Result orders = null;
                WebhookLoad.Result optOuts = null;
                for (int i = 0; i < options.rates().size(); i++) {
                    int rate = options.rates().get(i);
                    if (options.warmup() > 0) {
                        warmUpLikeTheRound(options, ids.roundWarmUp(i), rate, database, jdbcUrl, db, callbackPort);
                    }
                    var round = ids.round(i);
                    int planned = Math.multiplyExact(options.seconds(), rate);
                    double loadBefore =
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                    var cacheBefore = pageCache();
                    int messages = prepare(
                            db, CallbackPlan.recipientsNeeded(planned, rate), round.firstMessage(), round.prefix());
                    var providerIds = providerIds(db, round.firstMessage(), round.firstMessage() + Ids.ROUND_MESSAGES);
                    long building = System.nanoTime();
                    var plan = CallbackPlan.build(
                            providerIds, planned, rate, "127.0.0.1", callbackPort, PATH, SECRET, options.pricing());
                    System.out.printf(
                            "Built and signed %d callbacks (%d MB) in %.1f s; %d messages with %d recipients%n",
                            plan.size(),
                            plan.bytes() >> 20,
                            (System.nanoTime() - building) / 1e9,
                            messages,
                            providerIds.size());
                    // Settle (the preparation's writes, the copy's checkpoint) before the clock starts.
                    vacuumBeforeRound(database, jdbcUrl);
                    Thread.sleep(5000);
                    var machine = HandOff.now();
                    var statements = options.statements() ? Statements.reset(jdbcUrl, database) : null;
                    var result = run(
                            options,
                            rate,
                            app,
                            postgres,
                            plan,
                            callbackPort,
                            db,
                            DSL.using(samplerConnection, SQLDialect.POSTGRES),
                            alongside);
                    if (i == options.rates().size() - 1) {
                        orders = orderLoad == null ? null : orderLoad.stop();
                        optOuts = optOutLoad == null ? null : optOutLoad.stop();
                        app.stop(); // the checks of the last round see a stopped app
                    }
                    summaries.add(report(options, rate, round, result, plan, db, loadBefore, cacheBefore, machine));
                    if (statements != null) {
                        statements.print(result.load().acceptedCount());
                    }
                }
                if (orders != null) {
                    reportOrders(options, ids, orders, db);
                }
                if (optOuts != null) {
                    reportOptOuts(options, ids, optOuts, db);
                }
            }
        } finally {
            app.stop();
        }
        return summaries;
    }

    /**
     * The messages of one measured rate: from {@code firstMessage} on (above the earlier rounds'),
     * provider ids {@code <prefix><message>-<contact>}; the checks look at these alone.
     */
    record Round(long firstMessage, String prefix) {}

    /**
     * The ids of one run: messages from {@link #warmupMessage} on (the warm-up's, provider ids W...,
     * outside every check), the measured rounds' 100 M above, and the prefixes of its provider ids,
     * orders and opt-outs. A run on the tier itself ({@code --copy=false}) leaves its rows there, so
     * the next one starts {@link #RUN_STRIDE} above them and tags its prefixes with its number: the
     * checks, which look at one run's prefixes and ids, never see an earlier run's rows.
     */
    record Ids(long warmupMessage, String tag) {
        static Ids above(DSLContext db) {
            long highest = db.fetchSingle(
                            "select coalesce(max(id), 0) from message where account_id = ? and id >= ?",
                            ACCOUNT,
                            FIRST_RUN_WARMUP_MESSAGE)
                    .get(0, Long.class);
            long run = highest == 0 ? 0 : (highest - FIRST_RUN_WARMUP_MESSAGE) / RUN_STRIDE + 1;
            return new Ids(FIRST_RUN_WARMUP_MESSAGE + run * RUN_STRIDE, run == 0 ? "" : String.valueOf(run));
        }

        long firstMessage() {
            return warmupMessage + 100_000_000L;
        }

        /** Message ids a round may take. */
        static final long ROUND_MESSAGES = 10_000L;

        /** Round {@code index}'s messages, above the earlier rounds', provider ids {@code B<tag><letter>...}. */
        Round round(int index) {
            return new Round(firstMessage() + index * ROUND_MESSAGES, "B" + tag + (char) ('a' + index));
        }

        /**
         * The messages of the warm-up right before round {@code index} ({@link #warmUpLikeTheRound}):
         * among the warm-up's, 50 M above its first, provider ids {@code W<tag><letter>...}.
         */
        Round roundWarmUp(int index) {
            return new Round(warmupMessage + 50_000_000L + index * ROUND_MESSAGES, "W" + tag + (char) ('a' + index));
        }

        String orderPrefix() {
            return "BENCH" + tag + "-";
        }

        String optOutPrefix() {
            return "SMBENCH" + tag + "-";
        }

        /** The SMS the measured opt-outs answer, below the warm-up's messages. */
        long optOutMessage() {
            return warmupMessage - 1;
        }

        /** The SMS the warm-up's opt-outs answer. */
        long warmupOptOutMessage() {
            return warmupMessage - 2;
        }
    }

    /**
     * A bulk message of Flora's, sent {@code minutesAgo} (an SMS goes through {@code gateway}); its
     * recipients are the caller's.
     */
    private static void insertSentMessage(
            DSLContext db,
            long id,
            String name,
            String channel,
            @Nullable Long gateway,
            long audience,
            int minutesAgo) {
        db.execute(
                "insert into message (account_id, id, name, content, channel, type, state, owner_id, audience_size, "
                        + "sent_at, gateway_id) values (?, ?, ?, 'Benchmark', ?::channel, 'BULK', 'SENT', 1, ?, "
                        + "now() - make_interval(mins => ?), ?)",
                ACCOUNT,
                id,
                name,
                channel,
                audience,
                minutesAgo,
                gateway);
    }

    /**
     * WhatsApp messages of Flora with every contact as recipient, from message {@code firstMessage}
     * on, provider ids {@code <prefix><message>-<contact>}.
     */
    private static int prepare(DSLContext db, long recipientsNeeded, long firstMessage, String prefix) {
        long contacts = db.fetchSingle("select count(*) from contact where account_id = ?", ACCOUNT)
                .get(0, Long.class);
        // As many recipients as the plan needs, not every contact: at the L tier a message to all of
        // Flora's 5 M contacts would take minutes to insert and stay in the tier.
        long perMessage = Math.max(1, Math.min(contacts, recipientsNeeded));
        int messages = (int) ((recipientsNeeded + perMessage - 1) / perMessage);
        long sending = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long id = firstMessage + i;
            insertSentMessage(db, id, "Benchmark " + i, "WHATSAPP", null, perMessage, 1);
            db.execute(
                    "insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at) "
                            + "select account_id, ?, id, ? || ? || '-' || id, now() - interval '1 minute' from contact "
                            + "where account_id = ? order by id limit ?",
                    id,
                    prefix,
                    id,
                    ACCOUNT,
                    perMessage);
        }
        // What a send costs in the database: each recipient is inserted sent, through the pricing
        // trigger and the rollups' statement triggers, as a campaign's send inserts them.
        long sent = (long) messages * perMessage;
        double seconds = (System.nanoTime() - sending) / 1e9;
        System.out.printf(
                "Sent %d recipients in %.1f s (%.0f µs per recipient, priced and counted)%n",
                sent, seconds, seconds * 1e6 / sent);
        db.execute("analyze message_recipient");
        return messages;
    }

    record Result(
            CallbackLoad load,
            long restartNanos,
            double appCpuSeconds,
            double appCompilerCpuSeconds,
            double databaseCpuSeconds,
            Map<String, Double> databaseCpuSecondsByKind,
            double generatorCpuSeconds,
            double appCpuMicrosPerCallbackSecondHalf,
            double databaseCpuMicrosPerCallbackSecondHalf,
            Map<String, AppThreads.Usage> appThreadsSecondHalf,
            long callbacksSecondHalf,
            double drainSeconds,
            double loadAverage) {}

    private interface Action {
        void run() throws Exception;
    }

    private record Step(long at, Action action) {}

    /**
     * The shop's orders for Flora's contacts, signed with the demo shop's secret; their ids start
     * with {@code prefix} (the warm-up's are not the measured load's).
     */
    private static WebhookLoad orderLoad(Options options, DSLContext db, int port, String prefix) {
        var contacts = db.fetchSingle("select min(id), count(*) from contact where account_id = ?", ACCOUNT);
        System.out.printf(
                "Posting signed shop orders alongside: %d orders/s in batches of %d%n",
                options.orders(), options.orderBatch());
        return WebhookLoad.orders(
                prefix,
                "http://127.0.0.1:" + port + "/callbacks/orders/" + ACCOUNT,
                "demo-secret-shop-" + ACCOUNT,
                contacts.get(0, Long.class),
                contacts.get(1, Long.class),
                options.orders(),
                options.orderBatch(),
                Math.max(2, Math.min(8, options.orders() / options.orderBatch() / 5)));
    }

    /**
     * SMS "STOP" replies through Flora's first gateway's incoming-message webhook, signed with its
     * demo secret; their message ids start with {@code prefix}. Each comes from another contact who
     * got SMS {@code message} ten minutes before (inserted here), as after a send, and is credited
     * to it. With {@code fresh} the contacts opted in to SMS come first, so every reply is a new
     * opt-out that changes the contact's consent, the whole path a reply takes; without it (the
     * warm-up) only the others, if there are any, so the measured run still finds opted-in ones. Enough
     * contacts for {@code seconds} of replies, or all that have a phone; past them the numbers
     * repeat.
     */
    private static WebhookLoad optOutLoad(
            Options options, DSLContext db, int port, String prefix, long message, int seconds, boolean fresh) {
        long gateway = db.fetchSingle("select min(id) from sms_gateway where account_id = ?", ACCOUNT)
                .get(0, Long.class);
        int wanted = Math.multiplyExact(options.optOuts(), seconds);
        var contacts = db.fetch(
                "select id, phone, opted_in_sms from contact where account_id = ? and phone is not null "
                        + (fresh ? "" : "and not opted_in_sms ")
                        + "order by opted_in_sms desc, hashint8(id + ?) limit ?",
                ACCOUNT,
                message,
                wanted);
        if (contacts.isEmpty() && !fresh) {
            // Every contact is opted in: the warm-up takes them too.
            return optOutLoad(options, db, port, prefix, message, seconds, true);
        }
        if (contacts.isEmpty()) {
            throw new IllegalStateException("Flora has no contact with a phone number to reply STOP");
        }
        long optedIn = contacts.stream().filter(r -> r.get(2, Boolean.class)).count();
        var ids = contacts.getValues(0, Long.class).toArray(Long[]::new);
        insertSentMessage(db, message, "Benchmark opt-outs " + message, "SMS", gateway, ids.length, 10);
        db.execute(
                "insert into message_recipient (account_id, message_id, contact_id, provider_message_id, sent_at) "
                        + "select ?, ?, id, 'S' || ? || '-' || id, now() - interval '10 minutes' "
                        + "from unnest(?::bigint[]) id",
                ACCOUNT,
                message,
                message,
                ids);
        var phones = contacts.getValues(1, String.class);
        System.out.printf(
                "Posting signed SMS opt-outs (STOP) alongside: %d/s from %d numbers (%d opted in to SMS "
                        + "before), each sent SMS %d ten minutes before%n",
                options.optOuts(), phones.size(), optedIn, message);
        return WebhookLoad.smsStops(
                prefix,
                "http://127.0.0.1:" + port + "/callbacks/sms/" + ACCOUNT + "/" + gateway + "/inbound",
                "demo-secret-sms-" + gateway,
                phones,
                options.optOuts(),
                // One reply per request and one request in flight per thread, as a provider posts
                // replies over many connections at once: a reply is answered after its batch commits,
                // so enough threads that an answer of up to 200 ms keeps the rate.
                Math.max(4, Math.min(200, options.optOuts() / 5)));
    }

    /** Opt-outs answered and stored, and the consent rollups against their recount. */
    private static void reportOptOuts(Options options, Ids ids, WebhookLoad.Result optOuts, DSLContext db) {
        var stored = db.fetchSingle(
                "select count(distinct provider_id), count(distinct provider_id) filter (where message_id is not null) "
                        + "from consent_change where account_id = ? and provider_id like ?",
                ACCOUNT,
                ids.optOutPrefix() + "%");
        long differences = options.recount()
                ? Recount.consentRollupDifferences(db, ACCOUNT) + Recount.consentDifferences(db, ACCOUNT)
                : 0;
        answered("opt-out", optOuts, options.optOuts(), "credited in the transaction that is answered 2xx");
        stored("opt-out", stored.get(0, Long.class), stored.get(1, Long.class), optOuts);
        row(
                "consent",
                "%d differences of the opt-out and consent rollups from the recount%s",
                differences,
                recountNote(options, differences));
    }

    /** Orders answered and stored, their answer times (= attribution lag: the credit commits with the 2xx). */
    private static void reportOrders(Options options, Ids ids, WebhookLoad.Result orders, DSLContext db) {
        var like = ids.orderPrefix() + "%";
        long stored = db.fetchSingle(
                        "select count(*) from order_event where account_id = ? and order_id like ?", ACCOUNT, like)
                .get(0, Long.class);
        long credited = db.fetchSingle(
                        "select count(*) from order_attribution where account_id = ? and order_id like ?",
                        ACCOUNT,
                        like)
                .get(0, Long.class);
        long differences = !options.recount()
                ? 0
                : db.fetchSingle(
                                "select (select count(*) from (select * from order_attribution where account_id = ? "
                                        + "except select * from order_attribution_recount where account_id = ?) a) "
                                        + "+ (select count(*) from (select * from order_attribution_recount where account_id = ? "
                                        + "except select * from order_attribution where account_id = ?) b)",
                                ACCOUNT,
                                ACCOUNT,
                                ACCOUNT,
                                ACCOUNT)
                        .get(0, Long.class);
        answered("order", orders, options.orders(), "batches of " + options.orderBatch());
        double lag = pct(orders.sortedAnswerNanos(), 95);
        row(
                "attribution lag",
                "p95 %.1f ms (credited in the transaction that is answered 2xx)%s",
                lag,
                lag <= 5000 ? "" : "  <-- ABOVE 5 s");
        stored("order", stored, credited, orders);
        row("attribution", "%d differences from the recount%s", differences, recountNote(options, differences));
    }

    /** How a recount's line ends: failed, or not made ({@code --recount=false}). */
    private static String recountNote(Options options, long differences) {
        return !options.recount() ? "  (not recounted: --recount=false)" : differences == 0 ? "" : "  <-- FAILED";
    }

    /** What every load alongside prints first: items answered per second against the target, and answer times. */
    private static void answered(String item, WebhookLoad.Result result, int target, String answerNote) {
        var answers = result.sortedAnswerNanos();
        System.out.println();
        row(
                item + "s",
                "%d answered 2xx in %.1f s: %.0f %ss/s (target %d), %d requests retried",
                result.itemsAnswered(),
                result.seconds(),
                result.itemsAnswered() / result.seconds(),
                item,
                target,
                result.failures());
        row(
                item + " answer",
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%s)",
                pct(answers, 50),
                pct(answers, 95),
                pct(answers, 99),
                answerNote);
    }

    /** Stored against answered: whatever was answered 2xx must be stored. */
    private static void stored(String item, long stored, long credited, WebhookLoad.Result result) {
        row(
                item + "s stored",
                "%d stored, %d credited to a message%s",
                stored,
                credited,
                stored >= result.itemsAnswered() ? "" : "  <-- FAILED (answered 2xx but not stored)");
    }

    private static Result run(
            Options options,
            int rate,
            AppProcess app,
            CpuClock postgres,
            CallbackPlan plan,
            int port,
            DSLContext db,
            DSLContext samplerDb,
            List<WebhookLoad> alongside)
            throws Exception {
        long start = System.nanoTime() + 500_000_000L;
        long end = start + options.seconds() * 1_000_000_000L;
        var load = callbackLoad(options, plan, port, rate, start, options.seconds());
        System.out.printf(
                "Posting signed WhatsApp callbacks to http://127.0.0.1:%d%s: %d s at %d/s with %d threads%s%n",
                port,
                PATH,
                options.seconds(),
                rate,
                options.threads(),
                options.killAt() > 0 ? ", the app killed after " + options.killAt() + " s" : "");
        var sampler = new LagSampler(samplerDb, ACCOUNT, load.probes());
        sampler.start();
        // The app's threads by name: a thread dump stops the app at a safepoint, so it is taken before
        // the CPU is first read and again after it is last read.
        var threadNames = new HashMap<>(AppThreads.javaNames(app.pid()));
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var appCpuBefore = app.totalCpu();
        var compilerCpuBefore = app.compilerCpu();
        double databaseCpuBefore = postgres.databaseSeconds();
        var databaseKindsBefore = postgres.databaseSecondsByKind();
        long generatorCpuBefore = os.getProcessCpuTime();
        var half = new long[] {0, 0}; // accepted and app CPU nanoseconds at half time
        var threadsHalf = new AtomicReference<Map<Long, AppThreads.Task>>(Map.of()); // the app's threads at half time
        var databaseHalf = new double[] {0}; // the database's CPU seconds at half time
        long[] restart = {-1};
        // Timed steps during the load, in time order: the profile after a warm-up, the half-time
        // sample (the second half shows the warm app), the kill and restart.
        var steps = new ArrayList<Step>();
        if (options.profile()) {
            long from = start + options.seconds() * 1_000_000_000L / 3;
            long until = options.killAt() > 0 ? start + options.killAt() * 1_000_000_000L : end;
            int seconds = (int) Math.max(1, Math.min(30, (until - from) / 1_000_000_000L));
            steps.add(new Step(from, () -> profile(app.pid(), seconds)));
        }
        steps.add(new Step(start + options.seconds() * 1_000_000_000L / 2, () -> {
            half[0] = load.acceptedSoFar();
            half[1] = app.totalCpu().toNanos();
            threadsHalf.set(AppThreads.snapshot(app.pid()));
            databaseHalf[0] = postgres.databaseSeconds();
        }));
        if (options.killAt() > 0) {
            steps.add(new Step(start + options.killAt() * 1_000_000_000L, () -> {
                long killed = System.nanoTime();
                app.kill();
                long relaunched = System.nanoTime();
                load.restarting(killed, relaunched);
                System.out.printf("Killed the app (SIGKILL) at %d s; starting a new one ...%n", options.killAt());
                app.start();
                app.awaitReady(Duration.ofMinutes(5), VERIFY_TOKEN, List.of());
                restart[0] = System.nanoTime() - relaunched;
                System.out.printf("The new app answers after %.1f s%n", restart[0] / 1e9);
            }));
        }
        steps.sort(Comparator.comparingLong(Step::at));
        load.start();
        if (!alongside.isEmpty()) {
            sleepUntil(start);
            alongside.forEach(WebhookLoad::start);
        }
        for (var step : steps) {
            sleepUntil(step.at());
            step.action().run();
        }
        load.awaitEnd();
        alongside.forEach(WebhookLoad::pause);
        double loadAverage = os.getSystemLoadAverage();
        double appCpu = app.totalCpu().minus(appCpuBefore).toMillis() / 1e3;
        // With a kill the new process's compiler started from zero: its whole time counts.
        var compilerNow = app.compilerCpu();
        double compilerCpu =
                (options.killAt() > 0 ? compilerNow : compilerNow.minus(compilerCpuBefore)).toMillis() / 1e3;
        double databaseCpuNow = postgres.databaseSeconds();
        double databaseCpu = databaseCpuNow - databaseCpuBefore;
        var databaseKinds = new TreeMap<String, Double>();
        postgres.databaseSecondsByKind()
                .forEach((kind, seconds) ->
                        databaseKinds.put(kind, seconds - databaseKindsBefore.getOrDefault(kind, 0.0)));
        double generatorCpu = (os.getProcessCpuTime() - generatorCpuBefore) / 1e9;
        long secondHalfCallbacks = load.acceptedSoFar() - half[0];
        double secondHalfCpuMicros =
                secondHalfCallbacks == 0 ? 0 : (app.totalCpu().toNanos() - half[1]) / 1e3 / secondHalfCallbacks;
        double secondHalfDatabaseMicros =
                secondHalfCallbacks == 0 ? 0 : (databaseCpuNow - databaseHalf[0]) * 1e6 / secondHalfCallbacks;
        var threadsEnd = AppThreads.snapshot(app.pid());
        threadNames.putAll(AppThreads.javaNames(app.pid()));
        var threadsSecondHalf = options.killAt() > 0
                ? Map.<String, AppThreads.Usage>of()
                : AppThreads.byGroup(threadsHalf.get(), threadsEnd, threadNames);

        // Let the app's folder drain, then stop sampling.
        long drainStart = System.nanoTime();
        long lastReport = drainStart;
        while (!drained(db) && System.nanoTime() - drainStart < 180_000_000_000L) {
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                System.out.printf("draining: %d events still to fold%n", pending(db));
                lastReport = System.nanoTime();
            }
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        Thread.sleep(300);
        sampler.stop();
        return new Result(
                load,
                restart[0],
                appCpu,
                compilerCpu,
                databaseCpu,
                databaseKinds,
                generatorCpu,
                secondHalfCpuMicros,
                secondHalfDatabaseMicros,
                threadsSecondHalf,
                secondHalfCallbacks,
                drain,
                loadAverage);
    }

    private static Summary report(
            Options options,
            int rate,
            Round round,
            Result result,
            CallbackPlan plan,
            DSLContext db,
            double loadBefore,
            String cacheBefore,
            HandOff.Cost machine) {
        var like = round.prefix() + "%";
        var load = result.load();
        // Every stored benchmark event, mapped back to its callback index.
        var indexOfRecipient = new HashMap<String, Integer>();
        for (int r = 0; r < plan.providerIds().size(); r++) {
            indexOfRecipient.put(plan.providerIds().get(r), r);
        }
        var stored = new boolean[plan.size()];
        long foreign = 0;
        for (var row : db.fetch(
                "select provider_message_id, status from delivery_event where account_id = ? and provider_message_id like ?",
                ACCOUNT,
                like)) {
            var recipient = indexOfRecipient.get(row.get(0, String.class));
            int status = CallbackPlan.statusIndex(row.get(1, String.class));
            int index = recipient == null || status < 0 ? -1 : plan.index(recipient, status);
            if (index < 0 || index >= stored.length) {
                foreign++;
            } else {
                stored[index] = true;
            }
        }
        long accepted = load.acceptedCount();
        long lost = 0;
        long storedUnanswered = 0;
        for (int i = 0; i < stored.length; i++) {
            if (load.accepted(i) && !stored[i]) {
                lost++;
            } else if (stored[i] && !load.accepted(i)) {
                storedUnanswered++;
            }
        }
        long storedTwice = db.fetchSingle(
                        "select count(*) - count(distinct (provider, provider_message_id, status)) from delivery_event "
                                + "where account_id = ? and provider_message_id like ?",
                        ACCOUNT,
                        like)
                .get(0, Long.class);
        var counters = db.fetchSingle(
                """
                select coalesce(sum(s.delivered), 0), coalesce(sum(s.opened), 0),
                       (select count(*) from message_recipient r where r.account_id = ? and r.message_id >= ? and r.delivered_at is not null),
                       (select count(*) from message_recipient r where r.account_id = ? and r.message_id >= ? and r.opened_at is not null),
                       (select count(*) from (select provider_message_id from delivery_event
                                              where account_id = ? and provider_message_id like ? and status in ('delivered', 'read')
                                              group by provider_message_id) d),
                       (select count(*) from delivery_event where account_id = ? and provider_message_id like ? and status = 'read')
                from message_stats s where s.account_id = ? and s.message_id >= ?
                """,
                ACCOUNT,
                round.firstMessage(),
                ACCOUNT,
                round.firstMessage(),
                ACCOUNT,
                like,
                ACCOUNT,
                like,
                ACCOUNT,
                round.firstMessage());
        // A recount of the whole account: over the L tier's 100 M recipients it takes longer than the run.
        long recountDifferences = options.recount() ? Recount.counterDifferences(db, ACCOUNT) : 0;
        long delivered = counters.get(0, Long.class);
        long opened = counters.get(1, Long.class);
        boolean countsExact = delivered == counters.get(2, Long.class)
                && delivered == counters.get(4, Long.class)
                && opened == counters.get(3, Long.class)
                && opened == counters.get(5, Long.class);
        long unfolded = pending(db);
        long misrouted = db.fetchSingle("select count(*) from delivery_event where misrouted")
                .get(0, Long.class);

        var latencies = load.sortedLatencies();
        var lags = load.probes().values().stream()
                .filter(p -> p[1] > 0)
                .mapToLong(p -> p[1] - p[0])
                .sorted()
                .toArray();
        // Probes answered before the kill and folded by the new app measure the outage, not the fold.
        long killedAt = load.killedAt();
        var lagsOutsideOutage = load.probes().values().stream()
                .filter(p -> p[1] > 0 && (killedAt == 0 || p[0] > killedAt || p[1] < killedAt))
                .mapToLong(p -> p[1] - p[0])
                .sorted()
                .toArray();
        double elapsed = load.elapsedSeconds();
        double outage = load.outageNanos() / 1e9;

        System.out.printf("%n==== Ingest load benchmark ====%n");
        row(
                "run",
                "%d s at a target of %d/s, %d threads, %s",
                options.seconds(),
                rate,
                options.threads(),
                options.killAt() > 0 ? "app killed (SIGKILL) at " + options.killAt() + " s" : "no kill");
        row("callbacks/s sustained", "%.0f  (%d accepted in %.1f s)", accepted / elapsed, accepted, elapsed);
        if (options.killAt() > 0) {
            row("  outside the outage", "%.0f", accepted / Math.max(0.001, elapsed - Math.max(0, outage)));
        }
        row(
                "answer time (2xx)",
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                pct(latencies, 50),
                pct(latencies, 95),
                pct(latencies, 99));
        row(
                "rollup lag",
                "p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d probes)",
                pct(lags, 50),
                pct(lags, 95),
                lags.length == 0 ? 0.0 : lags[lags.length - 1] / 1e6,
                lags.length);
        if (killedAt != 0) {
            row(
                    "  outside the outage",
                    "p50 %.0f ms, p95 %.0f ms (%d probes not answered before the kill and folded after it)",
                    pct(lagsOutsideOutage, 50),
                    pct(lagsOutsideOutage, 95),
                    lagsOutsideOutage.length);
        }
        row(
                "accepted (2xx)",
                "%d of %d planned; %d sent at least once, %d requests in all",
                accepted,
                plan.size(),
                load.sentCount(),
                load.attempts());
        row(
                "not accepted",
                "%d 5xx, %d connection errors (retried), %d still waiting for a retry at the end, %d 4xx",
                load.unavailable(),
                load.ioErrors(),
                load.awaitingRetry(),
                load.refused());
        row("accepted on a retry", "%d", load.acceptedAfterRetry());
        row("lost", "%d  (answered 2xx but not in delivery_event)%s", lost, lost == 0 ? "" : "  <-- FAILED");
        row(
                "double-counted",
                "%d  (%d events stored twice, %d counter differences to the recount%s%s)%s",
                storedTwice + recountDifferences + (countsExact ? 0 : 1),
                storedTwice,
                recountDifferences,
                options.recount() ? "" : ", not recounted: --recount=false",
                countsExact ? "" : ", counters WRONG",
                storedTwice + recountDifferences == 0 && countsExact ? "" : "  <-- FAILED");
        row(
                "stored, no 2xx seen",
                "%d  (committed, but the answer was cut off by the kill or the end; the retry "
                        + "is a dropped duplicate)",
                storedUnanswered);
        row(
                "delivered / opened",
                "counters %d / %d = recipients %d / %d = events %d / %d",
                delivered,
                opened,
                counters.get(2, Long.class),
                counters.get(3, Long.class),
                counters.get(4, Long.class),
                counters.get(5, Long.class));
        if (options.killAt() > 0) {
            row("outage", "%.1f s  (kill to the first 2xx of the new app)", outage);
            row("restart time", "%.1f s  (new process to answering)", result.restartNanos() / 1e9);
        }
        row(
                "fold drained",
                "%.1f s after the load; %d events still unfolded%s",
                result.drainSeconds(),
                unfolded,
                unfolded == 0 ? "" : "  <-- FAILED");
        row(
                "CPU during the load",
                "app %.1f s (%.2f cores; of it %.1f s JIT compilation), PostgreSQL %.1f s (%.2f cores), "
                        + "load generator %.1f s (%.2f cores)",
                result.appCpuSeconds(),
                result.appCpuSeconds() / elapsed,
                result.appCompilerCpuSeconds(),
                result.databaseCpuSeconds(),
                result.databaseCpuSeconds() / elapsed,
                result.generatorCpuSeconds(),
                result.generatorCpuSeconds() / elapsed);
        row(
                "PostgreSQL by process",
                "%s",
                result.databaseCpuSecondsByKind().entrySet().stream()
                        .filter(kind -> kind.getValue() >= 0.05)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(kind -> "%s %.1f s".formatted(kind.getKey(), kind.getValue()))
                        .collect(Collectors.joining(", ")));
        if (options.killAt() == 0) { // with a restart, the new app's start-up would be in it
            row(
                    "app CPU per callback",
                    "%.0f µs overall, %.0f µs in the second half (warm)",
                    result.appCpuSeconds() * 1e6 / Math.max(1, accepted),
                    result.appCpuMicrosPerCallbackSecondHalf());
            row(
                    "PostgreSQL CPU/callback",
                    "%.0f µs overall, %.0f µs in the second half (warm)",
                    result.databaseCpuSeconds() * 1e6 / Math.max(1, accepted),
                    result.databaseCpuMicrosPerCallbackSecondHalf());
            var threads = AppThreads.lines(result.appThreadsSecondHalf(), result.callbacksSecondHalf());
            for (int i = 0; i < threads.size(); i++) {
                row(i == 0 ? "app CPU by thread" : "", "%s", threads.get(i));
            }
            row("", "(second half, per accepted callback; /proc/<pid>/task)");
        }
        row(
                "machine load average",
                "%.2f before, %.2f at the end of the load (%d cores)",
                loadBefore,
                result.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        row("page cache before", "%s", cacheBefore);
        row(
                "machine's wake-up cost",
                "%.0f µs of CPU back to back, %.0f µs after 10 ms  (just before the load: a hand-off between two "
                        + "threads and back, with an HMAC; the same work, docs/benchmarks.md \"The same work after a pause\")",
                machine.backToBack(),
                machine.afterPause());
        row(
                "misrouted",
                "%d  (another integration's provider id, not applied)%s",
                misrouted,
                misrouted == 0 ? "" : "  <-- FAILED");
        if (foreign > 0) {
            row("unexpected events", "%d benchmark-like events outside the plan", foreign);
        }
        if (options.profile()) {
            row("profile", "%s  (jfr view hot-methods %s)", RECORDING, RECORDING);
        }
        boolean ok = lost == 0
                && storedTwice == 0
                && recountDifferences == 0
                && countsExact
                && unfolded == 0
                && misrouted == 0
                && load.refused() == 0
                && foreign == 0;
        System.out.printf("%nchecks %s%n", ok ? "PASSED" : "FAILED");
        return new Summary(
                rate,
                accepted / elapsed,
                pct(latencies, 95),
                pct(lags, 95),
                result.appCpuSeconds() * 1e6 / Math.max(1, accepted),
                result.appCpuMicrosPerCallbackSecondHalf(),
                result.appThreadsSecondHalf()
                        .getOrDefault(AppThreads.JIT, AppThreads.Usage.NONE)
                        .microsPer(result.callbacksSecondHalf()),
                result.databaseCpuSeconds() * 1e6 / Math.max(1, accepted),
                result.databaseCpuMicrosPerCallbackSecondHalf(),
                result.loadAverage(),
                machine,
                ok);
    }

    private static void row(String label, String format, Object... args) {
        System.out.printf("%-24s %s%n", label, format.formatted(args));
    }

    /**
     * How often the drain wait asks. Even a probe of the fold queue's index walks past the entries
     * of the events folded since the last vacuum: 70 ms a probe at the end of a 3 000/s minute. Every
     * 100 ms that was most of a core competing with the fold it waited for; every second, 7 %.
     */
    private static final long DRAIN_POLL_MILLIS = 1000;

    /**
     * Whether no event waits to be folded: two probes of the fold queues' indexes in their order, as
     * the folder's own probe (counting the backlog each time cost more than the probe).
     */
    private static boolean drained(DSLContext db) {
        return !db.fetchSingle("""
                        select exists (select 1 from delivery_event
                                       where %s
                                       order by written_by, id limit 1)
                            or exists (select 1 from delivery_event where fold_attempts > 0
                                       order by retry_at, account_id, id limit 1)
                        """.formatted(FoldQueue.PAST_WATERMARK)).get(0, Boolean.class);
    }

    private static long pending(DSLContext db) {
        return db.fetchSingle("select count(*) from delivery_event where fold_waiting(written_by, id, fold_attempts)")
                .get(0, Long.class);
    }

    private static double pct(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(percentile / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static List<String> jvmOptions(Options options) {
        var jvm = new ArrayList<String>();
        var given = System.getProperty("ingest.app.jvm", "-Xms1g -Xmx1g").trim();
        if (!given.isEmpty()) {
            jvm.addAll(Arrays.asList(given.split("\\s+")));
        }
        if (options.profile()) {
            // JFR's working files next to the recording, not in the shared temporary directory.
            jvm.add("-XX:FlightRecorderOptions:repository="
                    + Path.of("target", "jfr-repository").toAbsolutePath());
        }
        return jvm;
    }

    private static List<String> appArguments(Options options, boolean demo, int listenerPort) {
        var arguments = new ArrayList<>(List.of(
                "--app.export.dir=target/ingest-files",
                "--logging.level.root=warn",
                "--logging.level.com.mobilemarketing.demo=info",
                "--vaadin.launch-browser=false"));
        if (demo) {
            arguments.addAll(List.of("--app.demo.enabled=true", "--app.demo.size=small"));
        } else {
            // A tier as it is: no demo roll-forward; with the demo off the app wants its own link secret.
            arguments.addAll(
                    List.of("--app.demo.enabled=false", "--app.ingest.link-secret=benchmark-link-secret-0123456789"));
        }
        if (listenerPort > 0) {
            arguments.addAll(
                    List.of("--app.ingest.listener-port=" + listenerPort, "--app.ingest.listener-address=127.0.0.1"));
        }
        arguments.addAll(options.appArguments());
        return arguments;
    }

    /** Starts a JFR recording of the app now (not at its start-up), so it shows the callback path. */
    private static void profile(long pid, int seconds) throws IOException {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var command = new ArrayList<>(List.of(
                jcmd,
                Long.toString(pid),
                "JFR.start",
                "name=ingest",
                "settings=profile",
                "duration=" + seconds + "s",
                "filename=" + RECORDING.toAbsolutePath()));
        if (Runtime.version().feature() >= 25) {
            // Samples by CPU time, native code and the kernel included (JDK 25): the execution
            // samples see only threads running Java code, a third of the app's CPU at low rates.
            command.add("jdk.CPUTimeSample#enabled=true");
        }
        new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                .start();
        System.out.printf("Recording the app for %d s into %s%n", seconds, RECORDING);
    }

    private static Connection connect(String jdbcUrl, EmbeddedDatabase database) throws SQLException {
        var connection = DriverManager.getConnection(jdbcUrl, database.username(), database.password());
        try (var statement = connection.createStatement()) {
            // The benchmark reads and checks across the row-level security of the tenant tables.
            statement.execute("select set_config('app.all_accounts', 'on', false)");
        }
        return connection;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private static void quietLogging() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }

    private IngestLoadBenchmark() {}
}
