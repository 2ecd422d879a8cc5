package com.mobilemarketing.alerts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One alert of an account: what broke ({@code integration} a display name, {@code code} an error
 * code or ""), the figure that raised it against the rule's limit, and when it was raised and
 * resolved.
 */
public record Alert(
        long accountId,
        String accountName,
        long id,
        AlertKind kind,
        String integration,
        String code,
        BigDecimal observed,
        BigDecimal expected,
        OffsetDateTime raisedAt,
        @Nullable OffsetDateTime resolvedAt) {}
