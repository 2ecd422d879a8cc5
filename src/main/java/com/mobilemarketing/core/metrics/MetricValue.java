package com.mobilemarketing.core.metrics;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * One figure as every surface shows it: a count, a rate (a fraction), an amount of money with its
 * currency, or unknown with the reason,
 * which a screen shows as "—" with the reason as tooltip and an export as an empty cell. An
 * estimated count carries its {@code errorBound} (relative, at about 95 % confidence) and is shown
 * as "≈ 12 345 ± 1,6%".
 */
public record MetricValue(
        Metric metric,
        @Nullable Long count,
        @Nullable Double fraction,
        @Nullable BigDecimal amount,
        @Nullable String currency,
        @Nullable Reason unknown,
        @Nullable Double errorBound) {

    /** Why a figure cannot be given. */
    public enum Reason {
        /** An SMS gateway without delivery callbacks. */
        DELIVERY_NOT_REPORTED("metric.unknown.delivery"),
        /** SMS has no open signal. */
        OPENS_NOT_REPORTED("metric.unknown.opens"),
        /** A rate of nothing (e.g. no delivered message yet). */
        NO_BASE("metric.unknown.no-base"),
        /** Figures read without the orders credited to them. */
        NO_ORDERS("metric.unknown.no-orders"),
        /** Figures read without costs. */
        NO_COSTS("metric.unknown.no-costs"),
        /** Some of the messages were sent through an integration without a tariff at the time. */
        NO_TARIFF("metric.unknown.no-tariff"),
        /** Distinct contacts cannot be summed from per-message counters (they come from sketches). */
        NOT_FROM_COUNTERS("metric.unknown.not-from-counters"),
        /** An estimate from sketches while some days of the range have not been counted at all yet. */
        NOT_COUNTED_YET("metric.unknown.not-counted-yet");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        /** Translation key of the reason, the tooltip of "—". */
        public String key() {
            return key;
        }
    }

    static MetricValue count(Metric metric, long count) {
        return new MetricValue(metric, count, null, null, null, null, null);
    }

    static MetricValue money(Metric metric, BigDecimal amount, String currency) {
        return new MetricValue(metric, null, null, amount, currency, null, null);
    }

    static MetricValue rate(Metric metric, double fraction) {
        return new MetricValue(metric, null, fraction, null, null, null, null);
    }

    public static MetricValue unknown(Metric metric, Reason reason) {
        return new MetricValue(metric, null, null, null, null, reason, null);
    }

    /** A count estimated from sketches, {@code errorBound} its relative error at about 95 % confidence. */
    public static MetricValue estimate(Metric metric, long count, double errorBound) {
        return new MetricValue(metric, count, null, null, null, null, errorBound);
    }

    public boolean isEstimate() {
        return errorBound != null;
    }

    public boolean isKnown() {
        return unknown == null;
    }

    /** The count, or 0 where it is not known (for charts and sums). */
    public long countOrZero() {
        return count == null ? 0 : count;
    }
}
