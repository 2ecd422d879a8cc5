package com.mobilemarketing.cost;

import com.mobilemarketing.core.metrics.Cost;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tariff's prices as the settings page writes them, one price a line: the destination country
 * (ISO code such as {@code PL}, or {@code *} for every other country), for WhatsApp the conversation
 * category, and the price in the account's currency with at most four decimals ({@code PL 0,075},
 * {@code * MARKETING 0,30}). Parsing refuses the whole text at the first bad line.
 */
public final class TariffPrices {

    /** WhatsApp's conversation categories, as its status reports name them. */
    public static final List<String> CATEGORIES = List.of("MARKETING", "UTILITY", "AUTHENTICATION", "SERVICE");

    /** Every other country. */
    public static final String OTHER_COUNTRIES = "*";

    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1000);
    private static final int MAX_DECIMALS = 4;

    private TariffPrices() {}

    /** One price of a tariff in micros of the account's currency; category is empty for SMS and Viber. */
    public record Price(String country, String category, long micros) {}

    /** Parses the text of a tariff of an integration with ({@code byCategory}: WhatsApp) or without categories. */
    public static List<Price> parse(String text, boolean byCategory) {
        var prices = new ArrayList<Price>();
        Set<String> seen = new HashSet<>();
        var lines = text.strip().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            var price = line(line, i + 1, byCategory);
            if (!seen.add(price.country() + "/" + price.category())) {
                throw new InvalidTariffException("tariffs.error.duplicate", i + 1);
            }
            prices.add(price);
        }
        if (prices.isEmpty()) {
            throw new InvalidTariffException("tariffs.error.no-prices");
        }
        return List.copyOf(prices);
    }

    private static Price line(String line, int number, boolean byCategory) {
        var tokens = line.split("[\\s;]+");
        if (tokens.length != (byCategory ? 3 : 2)) {
            throw new InvalidTariffException(byCategory ? "tariffs.error.line.category" : "tariffs.error.line", number);
        }
        var country = tokens[0].toUpperCase(Locale.ROOT);
        if (!country.equals(OTHER_COUNTRIES) && !country.matches("[A-Z]{2}")) {
            throw new InvalidTariffException("tariffs.error.country", number, tokens[0]);
        }
        var category = byCategory ? tokens[1].toUpperCase(Locale.ROOT) : "";
        if (byCategory && !CATEGORIES.contains(category)) {
            throw new InvalidTariffException("tariffs.error.category", number, tokens[1]);
        }
        var amountText = tokens[tokens.length - 1].replace(',', '.');
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountText);
        } catch (NumberFormatException e) {
            throw new InvalidTariffException("tariffs.error.price", number, tokens[tokens.length - 1]);
        }
        if (amount.signum() < 0
                || amount.compareTo(MAX_PRICE) > 0
                || amount.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new InvalidTariffException("tariffs.error.price", number, tokens[tokens.length - 1]);
        }
        return new Price(country, category, Cost.micros(amount));
    }

    /** The prices as the settings page writes them, in the order given; the decimal comma for Polish. */
    public static String format(List<Price> prices, Locale locale) {
        var lines = new ArrayList<String>();
        for (var price : prices) {
            var amount = Cost.amount(price.micros()).stripTrailingZeros();
            var text = (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
            if ("pl".equals(locale.getLanguage())) {
                text = text.replace('.', ',');
            }
            lines.add(
                    price.category().isEmpty()
                            ? price.country() + " " + text
                            : price.country() + " " + price.category() + " " + text);
        }
        return String.join("\n", lines);
    }
}
