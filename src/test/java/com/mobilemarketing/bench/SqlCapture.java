package com.mobilemarketing.bench;

import java.util.ArrayList;
import java.util.List;
import org.jooq.EnumType;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * Records the SQL and bind values jOOQ sends on the current thread while recording is on, so the
 * benchmark can replay exactly the same statements over plain JDBC.
 */
final class SqlCapture implements ExecuteListener {

    /** One statement as sent to the driver. */
    record Captured(String sql, List<@Nullable Object> binds, String inlined) {}

    private final ThreadLocal<@Nullable List<Captured>> recording = new ThreadLocal<>();

    void start() {
        recording.set(new ArrayList<>());
    }

    List<Captured> stop() {
        var captured = recording.get();
        recording.remove();
        return captured == null ? List.of() : captured;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        var captured = recording.get();
        if (captured == null || ctx.sql() == null) {
            return;
        }
        var binds = new ArrayList<@Nullable Object>();
        var inlined = ctx.sql();
        if (ctx.query() != null) {
            for (var value : ctx.query().getBindValues()) {
                binds.add(value instanceof EnumType e ? e.getLiteral() : value);
            }
            inlined = ctx.dsl().renderInlined(ctx.query());
        }
        captured.add(new Captured(ctx.sql(), binds, inlined));
    }
}
