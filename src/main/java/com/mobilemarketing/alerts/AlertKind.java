package com.mobilemarketing.alerts;

/** What broke, one kind per rule. */
public enum AlertKind {
    /** An integration's delivery rate over the last hour fell below its 30-day rate by the margin. */
    DELIVERY_RATE_DROP,
    /** One error code's share of the sent messages jumped. */
    ERROR_CODE_SPIKE,
    /** An integration that reported deliveries sent no report for a while, while messages went out. */
    CALLBACKS_STOPPED,
    /** Delivery reports wait to be folded in for longer than the limit. */
    FOLD_BACKLOG;

    /** Translation key of the alert's text. */
    public String textKey() {
        return "alerts.kind." + name();
    }
}
