package com.mobilemarketing.core.metrics;

import java.math.BigDecimal;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * Orders credited to messages (net: cancelled and refunded orders are out) and their value in minor
 * units of the account's currency. {@code unconverted} orders are counted but have no value: their
 * currency has no rate on the account. A null currency means the figures carry no order data at all.
 */
public record Revenue(
        long orders,
        long revenueMinor,
        long unconverted,
        @Nullable String currency) {

    /** Figures that were read without orders: every order figure is unknown. */
    public static final Revenue UNKNOWN = new Revenue(0, 0, 0, null);

    public static Revenue none(String currency) {
        return new Revenue(0, 0, 0, currency);
    }

    /** Orders with a value in the account's currency, the base of the average order value. */
    public long convertedOrders() {
        return orders - unconverted;
    }

    public Revenue plus(long moreOrders, long moreRevenueMinor, long moreUnconverted) {
        return new Revenue(
                orders + moreOrders, revenueMinor + moreRevenueMinor, unconverted + moreUnconverted, currency);
    }

    /** Minor units as an amount of the currency, e.g. 12345 grosze = 123.45 PLN. */
    public static BigDecimal amount(long minor, String currency) {
        return BigDecimal.valueOf(minor, minorDigits(currency));
    }

    /** The last currency asked for with its minor digits: a file or a page asks for one currency again and again. */
    private static volatile @Nullable MinorDigits lastAsked;

    private record MinorDigits(String currency, int digits) {}

    /** The currency's minor digits (2 for PLN and EUR, 0 for JPY), as the database's currency_minor_digits. */
    public static int minorDigits(String currency) {
        var last = lastAsked;
        if (last != null && last.currency().equals(currency)) {
            return last.digits();
        }
        var digits = lookUpMinorDigits(currency);
        lastAsked = new MinorDigits(currency, digits);
        return digits;
    }

    private static int lookUpMinorDigits(String currency) {
        try {
            var digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
