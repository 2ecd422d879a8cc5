package com.mobilemarketing.bench;

import java.util.List;

/** Timings of one operation: the cold first call, warm percentiles, and the same SQL over raw JDBC. */
record Result(Op op, double coldMillis, Stats warm, Stats raw, int statements, List<SqlCapture.Captured> sql) {

    double overheadRatio() {
        return warm.p50() / raw.p50();
    }

    double overheadMillis() {
        return warm.p50() - raw.p50();
    }

    boolean meetsTarget() {
        return Double.isNaN(op.group().p95Millis) || warm.p95() <= op.group().p95Millis;
    }

    /** At most 1.5× the raw SQL at p50, or at most 15 ms more in absolute terms for tiny queries. */
    boolean meetsOverhead() {
        return raw.n() == 0 || overheadRatio() <= 1.5 || overheadMillis() <= 15;
    }
}
