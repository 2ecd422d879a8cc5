package com.mobilemarketing.alerts;

import java.math.BigDecimal;

/**
 * What broke, one kind per rule, with the unit and the bounds of the rule's threshold: a share in
 * percentage points (stored as a fraction, 15 points = 0.15) or minutes.
 */
public enum AlertKind {
    /** An integration's delivery rate over the last hour fell below its 30-day rate by the margin. */
    DELIVERY_RATE_DROP(new Bounds(Unit.PERCENT_POINTS, 1, 90)),
    /** One error code's share of the sent messages jumped. */
    ERROR_CODE_SPIKE(new Bounds(Unit.PERCENT_POINTS, 1, 90)),
    /** An integration that reported deliveries sent no report for a while, while messages went out. */
    CALLBACKS_STOPPED(new Bounds(Unit.MINUTES, 10, 1440)),
    /** Delivery reports wait to be folded in for longer than the limit. */
    FOLD_BACKLOG(new Bounds(Unit.MINUTES, 1, 240));

    /** How a threshold is entered and shown. */
    public enum Unit {
        PERCENT_POINTS,
        MINUTES
    }

    /** The thresholds a marketer may set, in the unit, both ends included. */
    public record Bounds(Unit unit, int min, int max) {}

    private final Bounds bounds;

    AlertKind(Bounds bounds) {
        this.bounds = bounds;
    }

    public Unit unit() {
        return bounds.unit();
    }

    public int min() {
        return bounds.min();
    }

    public int max() {
        return bounds.max();
    }

    /** Whether a threshold entered in the unit lies within the bounds. */
    public boolean allows(int value) {
        return value >= bounds.min() && value <= bounds.max();
    }

    /** The stored threshold of a value in the unit (points become a fraction). */
    public BigDecimal stored(int value) {
        return unit() == Unit.PERCENT_POINTS ? BigDecimal.valueOf(value).movePointLeft(2) : BigDecimal.valueOf(value);
    }

    /** The value in the unit of a stored threshold. */
    public int inUnit(BigDecimal stored) {
        return (unit() == Unit.PERCENT_POINTS ? stored.movePointRight(2) : stored).intValue();
    }

    /** Translation key of the alert's text. */
    public String textKey() {
        return "alerts.kind." + name();
    }
}
