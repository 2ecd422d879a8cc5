package com.mobilemarketing.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a figure is written, on screen and in export files: counts in the user's locale ("12 345"),
 * rates as percentages with one decimal ("67,8%"), money in the account's currency ("1 234,50 zł"),
 * "—" where a figure is unknown on screen and an empty cell in a file.
 */
public final class MetricFormat {

    /** Shown where a figure cannot be measured (e.g. SMS opens) or has no base. */
    public static final String NOT_AVAILABLE = "—";

    private MetricFormat() {}

    /** The text of a figure on screen. */
    public static String text(MetricValue value, Locale locale) {
        if (value.count() != null && value.errorBound() != null) {
            // Rounded up, so the bound written is never narrower than the one computed.
            var bound = percentFormat(locale);
            bound.setRoundingMode(RoundingMode.CEILING);
            return "≈ " + count(value.count(), locale) + " ± " + bound.format(value.errorBound());
        }
        if (value.count() != null) {
            return count(value.count(), locale);
        }
        if (value.fraction() != null) {
            return percent(value.fraction(), locale);
        }
        if (value.amount() != null && value.currency() != null) {
            return money(value.amount(), value.currency(), locale);
        }
        return NOT_AVAILABLE;
    }

    /** An amount in its currency as the locale writes it: "1 234,50 zł", "PLN 1,234.50". */
    public static String money(BigDecimal amount, String currency, Locale locale) {
        // Minor digits, or up to two more where the amount has them (a price per SMS part: 0,065 zł).
        var minor = Revenue.minorDigits(currency);
        var digits = Math.max(minor, Math.min(amount.stripTrailingZeros().scale(), minor + 2));
        return spaceAfterCode(currencyFormat(currency, locale, digits).format(amount), currency);
    }

    /**
     * Where the locale puts the number among the currency's sign, for a chart axis that writes the
     * number itself: "{value} zł", "PLN {value}".
     */
    public static String moneyTemplate(String currency, Locale locale) {
        if (currencyFormat(currency, locale, Revenue.minorDigits(currency)) instanceof DecimalFormat decimal) {
            return spaceAfterCode(decimal.getPositivePrefix() + "{value}" + decimal.getPositiveSuffix(), currency)
                    .replace('\u00a0', ' ');
        }
        return "{value} " + currency;
    }

    private static NumberFormat currencyFormat(String currency, Locale locale, int digits) {
        var format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(currency));
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format;
    }

    private static String spaceAfterCode(String text, String currency) {
        var unit = Currency.getInstance(currency);
        // English writes the code glued to the number ("PLN12.50"): a no-break space reads better.
        var code = unit.getCurrencyCode();
        return text.startsWith(code)
                        && text.length() > code.length()
                        && (Character.isDigit(text.charAt(code.length())) || text.charAt(code.length()) == '{')
                ? code + "\u00a0" + text.substring(code.length())
                : text;
    }

    /** The translation key of why a figure is "—", or null for a known figure. */
    public static @Nullable String reasonKey(MetricValue value) {
        return value.unknown() == null ? null : value.unknown().key();
    }

    /**
     * The typed cell of an export: a {@link Long} count, a {@link Double} fraction to four decimals,
     * a {@link BigDecimal} amount in the account's currency, or null (an empty cell) where the screen
     * shows "—".
     */
    public static @Nullable Object cell(MetricValue value) {
        if (value.count() != null) {
            return value.count();
        }
        if (value.fraction() != null) {
            return Math.round(value.fraction() * 10_000.0) / 10_000.0;
        }
        return value.amount();
    }

    /** The value of a chart series: the count, the rate in percent with one decimal, or "-" (ECharts' empty). */
    public static Object chartValue(MetricValue value) {
        if (value.count() != null) {
            return value.count();
        }
        if (value.fraction() != null) {
            return Math.round(1000.0 * value.fraction()) / 10.0;
        }
        if (value.amount() != null) {
            return value.amount();
        }
        return "-";
    }

    public static String count(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    public static String percent(double fraction, Locale locale) {
        return percentFormat(locale).format(fraction);
    }

    /**
     * The format of {@link #percent}, for a caller that writes many rates in one language (an
     * export): built once instead of once per figure. Not thread-safe, like every {@link NumberFormat}.
     */
    public static NumberFormat percentFormat(Locale locale) {
        var format = NumberFormat.getPercentInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format;
    }
}
