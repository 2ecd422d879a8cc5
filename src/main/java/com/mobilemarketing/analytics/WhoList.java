package com.mobilemarketing.analytics;

/** Which recipients of one message a "Who?" list shows. */
public enum WhoList {
    SENT,
    DELIVERED,
    OPENED,
    CLICKED,
    UNDELIVERED
}
