package com.mobilemarketing.analytics;

import com.mobilemarketing.core.metrics.Metric;

/** Which recipients of one message a "Who?" list shows: those with one outcome of the metric model. */
public enum WhoList {
    SENT(Metric.SENT),
    DELIVERED(Metric.DELIVERED),
    OPENED(Metric.OPENED),
    CLICKED(Metric.CLICKED),
    UNDELIVERED(Metric.UNDELIVERED);

    private final Metric metric;

    WhoList(Metric metric) {
        this.metric = metric;
    }

    /** The outcome the list shows, and so whether the message's channel and gateway can have it. */
    public Metric metric() {
        return metric;
    }
}
