package com.mobilemarketing.bench;

import com.mobilemarketing.core.db.Tenant;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Times operations: one cold call (recording its SQL), a few warm-ups, then warm repetitions until
 * the time budget or the repetition cap is reached; then the recorded SQL replayed over raw JDBC
 * through the same pool and tenant setting, as many times.
 */
final class Runner {

    private final SqlCapture capture;
    private final DataSource dataSource;
    private final long budgetNanos;
    private final int maxReps;
    private long sink;

    Runner(SqlCapture capture, DataSource dataSource, long budgetMillis, int maxReps) {
        this.capture = capture;
        this.dataSource = dataSource;
        this.budgetNanos = budgetMillis * 1_000_000;
        this.maxReps = maxReps;
    }

    /**
     * Three passes: every operation's first call (cold, recording its SQL), then warm-ups of every
     * operation (JIT, plan caches, shared buffers), then the warm measurement and the raw replay.
     */
    List<Result> runAll(List<Op> ops, java.util.function.Consumer<Result> onResult) {
        var cold = new double[ops.size()];
        var sql = new ArrayList<List<SqlCapture.Captured>>();
        for (int i = 0; i < ops.size(); i++) {
            capture.start();
            cold[i] = timeOnce(ops.get(i));
            sql.add(capture.stop());
        }
        var typical = new double[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            var warmups = new ArrayList<Double>();
            var until = System.nanoTime() + budgetNanos / 3;
            while (warmups.size() < Math.min(3, maxReps) || (warmups.size() < 20 && System.nanoTime() < until)) {
                warmups.add(timeOnce(ops.get(i)));
            }
            typical[i] = Stats.of(warmups).p50();
        }
        var results = new ArrayList<Result>();
        for (int i = 0; i < ops.size(); i++) {
            var op = ops.get(i);
            var statements = sql.get(i);
            var warm = repeat(() -> timeOnce(op), typical[i]);
            var raw = statements.isEmpty()
                    ? Stats.of(List.of())
                    : repeat(() -> replay(op.account(), statements), warm.p50());
            var result = new Result(op, cold[i], warm, raw, statements.size(), statements);
            onResult.accept(result);
            results.add(result);
        }
        return results;
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of every statement an operation sends, with its bind values. */
    String explain(Result result) {
        var out = new StringBuilder();
        Tenant.run(result.op().account(), () -> {
            for (var statement : result.sql()) {
                try (var connection = dataSource.getConnection();
                        var ps = connection.prepareStatement("explain (analyze, buffers) " + statement.sql())) {
                    for (int i = 0; i < statement.binds().size(); i++) {
                        ps.setObject(i + 1, statement.binds().get(i));
                    }
                    try (var rs = ps.executeQuery()) {
                        out.append(statement.inlined()).append('\n');
                        while (rs.next()) {
                            out.append("  ").append(rs.getString(1)).append('\n');
                        }
                        out.append('\n');
                    }
                } catch (SQLException e) {
                    out.append("-- could not explain: ").append(e.getMessage()).append('\n');
                }
            }
        });
        return out.toString();
    }

    private Stats repeat(java.util.function.DoubleSupplier timed, double typicalMillis) {
        var reps = (int) Math.min(maxReps, Math.max(10, budgetNanos / 1e6 / Math.max(0.05, typicalMillis)));
        var times = new ArrayList<Double>(reps);
        var deadline = System.nanoTime() + 3 * budgetNanos;
        for (int i = 0; i < reps && (i < Math.min(5, maxReps) || System.nanoTime() < deadline); i++) {
            times.add(timed.getAsDouble());
        }
        return Stats.of(times);
    }

    private double timeOnce(Op op) {
        var start = System.nanoTime();
        var result = Tenant.call(op.account(), op.work());
        var millis = (System.nanoTime() - start) / 1e6;
        sink += result == null ? 0 : result.hashCode();
        return millis;
    }

    /** The same statements over plain JDBC, each on its own pooled connection like jOOQ outside a transaction. */
    private double replay(long account, List<SqlCapture.Captured> sql) {
        var start = System.nanoTime();
        Tenant.run(account, () -> {
            for (var statement : sql) {
                try (var connection = dataSource.getConnection();
                        var ps = connection.prepareStatement(statement.sql())) {
                    for (int i = 0; i < statement.binds().size(); i++) {
                        ps.setObject(i + 1, statement.binds().get(i));
                    }
                    if (ps.execute()) {
                        try (var rs = ps.getResultSet()) {
                            var columns = rs.getMetaData().getColumnCount();
                            while (rs.next()) {
                                for (int c = 1; c <= columns; c++) {
                                    var value = rs.getObject(c);
                                    sink += value == null ? 0 : 1;
                                }
                            }
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Replay failed: " + statement.sql(), e);
                }
            }
        });
        return (System.nanoTime() - start) / 1e6;
    }

    long sink() {
        return sink;
    }
}
