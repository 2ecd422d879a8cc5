package com.mobilemarketing.alerts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One rule of an account as the next round applies it: on or off, its threshold (as stored: a
 * fraction or minutes), the default it starts from, and who changed it last and when (none while
 * the account never changed it).
 */
public record AlertRule(
        AlertKind kind,
        boolean enabled,
        BigDecimal threshold,
        BigDecimal defaultThreshold,
        @Nullable String changedBy,
        @Nullable OffsetDateTime changedAt) {

    /** The threshold in the kind's unit (percentage points or minutes). */
    public int value() {
        return kind.inUnit(threshold);
    }

    /** The default threshold in the kind's unit. */
    public int defaultValue() {
        return kind.inUnit(defaultThreshold);
    }
}
