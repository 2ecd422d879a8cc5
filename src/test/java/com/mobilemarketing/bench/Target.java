package com.mobilemarketing.bench;

/** The groups of the report and the p95 target of each at the L tier (issue "Benchmark and scale"). */
enum Target {
    STATS("stats panel", 50),
    OPTIN("opt-in counts", 10),
    GRID("message grid page / sort / search", 100),
    GRID_DEEP("message grid deep page", 150),
    WHO("\"Who?\" page", 50),
    ANALYTICS("analytics page", 100),
    HEATMAP("heat map (when to send)", 50),
    ALERTS("alert round (1 000 accounts)", 1000),
    OTHER("other", Double.NaN);

    final String label;
    final double p95Millis;

    Target(String label, double p95Millis) {
        this.label = label;
        this.p95Millis = p95Millis;
    }
}
