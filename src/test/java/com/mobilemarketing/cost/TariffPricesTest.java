package com.mobilemarketing.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.cost.TariffPrices.Price;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The prices text of the tariffs page: one price a line, refused whole at the first bad line. */
class TariffPricesTest {

    @Test
    void readsCountriesCategoriesAndPricesInMicros() {
        assertThat(TariffPrices.parse("PL 0,075\n* 0.29\n", false))
                .containsExactly(new Price("PL", "", 75_000), new Price("*", "", 290_000));
        assertThat(TariffPrices.parse("pl marketing 0,24\n\nPL UTILITY 0,0950", true))
                .containsExactly(new Price("PL", "MARKETING", 240_000), new Price("PL", "UTILITY", 95_000));
    }

    @Test
    void refusesWhatDoesNotFit() {
        for (var bad : List.of(
                "", "PL", "PL 0,075 1", "POL 0,07", "PL -1", "PL 0,00001", "PL 1001", "PL abc", "PL 0,07\npl 0,08")) {
            assertThatThrownBy(() -> TariffPrices.parse(bad, false)).as(bad).isInstanceOf(InvalidTariffException.class);
        }
        assertThatThrownBy(() -> TariffPrices.parse("PL PROMO 0,2", true))
                .isInstanceOfSatisfying(
                        InvalidTariffException.class, e -> assertThat(e.key()).isEqualTo("tariffs.error.category"));
        assertThatThrownBy(() -> TariffPrices.parse("PL 0,2", true))
                .isInstanceOfSatisfying(
                        InvalidTariffException.class,
                        e -> assertThat(e.key()).isEqualTo("tariffs.error.line.category"));
    }

    @Test
    void writesWhatItReads() {
        var prices = List.of(new Price("PL", "MARKETING", 240_000), new Price("*", "SERVICE", 0));
        var text = TariffPrices.format(prices, Locale.of("pl"));
        assertThat(text).isEqualTo("PL MARKETING 0,24\n* SERVICE 0,00");
        assertThat(TariffPrices.parse(text, true)).isEqualTo(prices);
        assertThat(TariffPrices.format(List.of(new Price("PL", "", 75_000)), Locale.ENGLISH))
                .isEqualTo("PL 0.075");
    }
}
