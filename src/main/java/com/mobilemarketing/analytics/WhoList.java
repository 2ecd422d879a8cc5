package com.mobilemarketing.analytics;

import com.mobilemarketing.core.metrics.Metric;

/** Which recipients of one message a "Who?" list shows: those with one outcome of the metric model. */
public enum WhoList {
    SENT,
    DELIVERED,
    OPENED,
    CLICKED,
    UNDELIVERED;

    /** The outcome the list shows, and so whether the message's channel and gateway can have it. */
    public Metric metric() {
        return switch (this) {
            case SENT -> Metric.SENT;
            case DELIVERED -> Metric.DELIVERED;
            case OPENED -> Metric.OPENED;
            case CLICKED -> Metric.CLICKED;
            case UNDELIVERED -> Metric.UNDELIVERED;
        };
    }
}
