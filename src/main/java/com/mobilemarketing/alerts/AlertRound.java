package com.mobilemarketing.alerts;

import java.util.List;

/**
 * What one round changed: the alerts it raised and those it resolved. Empty when another node had
 * already claimed the minute.
 *
 * @param claimed whether this call ran the round
 */
public record AlertRound(boolean claimed, List<Long> raised, List<Long> resolved, List<Long> accounts) {

    static final AlertRound NOT_CLAIMED = new AlertRound(false, List.of(), List.of(), List.of());
}
