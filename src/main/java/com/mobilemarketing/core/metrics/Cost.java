package com.mobilemarketing.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * What messages cost in the account's currency, in millionths (micros) so that sums of per-part
 * prices stay exact: each recipient's cost was fixed from the tariff valid when it was sent, billed
 * as delivered or, for failed and unknown outcomes, as its tariff says. {@code openMicros} is the
 * part of it spent on channels that report reads (the base of the cost per read). {@code unpriced}
 * recipients were sent without a tariff: their cost is unknown, never 0. A null currency means the
 * figures carry no cost data at all.
 */
public record Cost(
        long micros,
        long openMicros,
        long unpriced,
        @Nullable String currency) {

    /** Figures that were read without costs: every cost figure is unknown. */
    public static final Cost UNKNOWN = new Cost(0, 0, 0, null);

    /** Micros in one unit of a currency. */
    static final int MICROS_SCALE = 6;

    public static Cost none(String currency) {
        return new Cost(0, 0, 0, currency);
    }

    public Cost plus(long moreMicros, long moreOpenMicros, long moreUnpriced) {
        return new Cost(micros + moreMicros, openMicros + moreOpenMicros, unpriced + moreUnpriced, currency);
    }

    /** Whether every recipient of these figures has a price. */
    public boolean known() {
        return currency != null && unpriced == 0;
    }

    /** Micros as an amount of the currency, e.g. 65 000 = 0.065. */
    public static BigDecimal amount(long micros) {
        return BigDecimal.valueOf(micros, MICROS_SCALE);
    }

    /** Micros per unit of the currency: prices are entered and shown in units. */
    public static long micros(BigDecimal amount) {
        return amount.movePointRight(MICROS_SCALE).longValueExact();
    }

    /**
     * A cost amount as every surface shows and exports it: at most {@link #digits} decimals, trailing
     * zeros dropped down to the currency's minor digits (0,60 zł; 0,0938 zł).
     */
    public static BigDecimal shown(BigDecimal amount, String currency) {
        var trimmed = amount.setScale(digits(currency), RoundingMode.HALF_EVEN).stripTrailingZeros();
        var minor = Revenue.minorDigits(currency);
        return trimmed.scale() < minor ? trimmed.setScale(minor, RoundingMode.UNNECESSARY) : trimmed;
    }

    /**
     * The digits a cost is shown with: the currency's minor digits and two more, so that a price per
     * part such as 0,065 zł stays what the tariff says (trailing zeros are dropped down to the minor digits).
     */
    public static int digits(String currency) {
        return Revenue.minorDigits(currency) + 2;
    }
}
