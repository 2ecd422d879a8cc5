package com.mobilemarketing.analytics;

/** The furthest stage one recipient reached; SENT means no outcome (yet, or never reported). */
public enum RecipientStatus {
    NOT_SENT,
    SENT,
    UNDELIVERED,
    DELIVERED,
    OPENED,
    CLICKED
}
