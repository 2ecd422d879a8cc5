package com.mobilemarketing.alerts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One saved change of a rule: the setting after it, who saved it and when. */
public record AlertRuleChange(
        long id, AlertKind kind, boolean enabled, BigDecimal threshold, String changedBy, OffsetDateTime changedAt) {

    /** The threshold in the kind's unit (percentage points or minutes). */
    public int value() {
        return kind.inUnit(threshold);
    }
}
