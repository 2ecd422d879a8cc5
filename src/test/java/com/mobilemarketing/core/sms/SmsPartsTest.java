package com.mobilemarketing.core.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.sms.SmsParts.Encoding;
import org.junit.jupiter.api.Test;

class SmsPartsTest {

    @Test
    void gsm7FitsOneHundredSixtyInOnePartThenOneHundredFiftyThreeEach() {
        assertThat(SmsParts.of("")).isEqualTo(new SmsParts(Encoding.GSM_7, 0, 1));
        assertThat(SmsParts.of("a".repeat(160))).isEqualTo(new SmsParts(Encoding.GSM_7, 160, 1));
        assertThat(SmsParts.of("a".repeat(161))).isEqualTo(new SmsParts(Encoding.GSM_7, 161, 2));
        assertThat(SmsParts.of("a".repeat(306)).parts()).isEqualTo(2);
        assertThat(SmsParts.of("a".repeat(307)).parts()).isEqualTo(3);
    }

    @Test
    void extensionCharactersTakeTwoSeptetsAndAreNeverSplit() {
        assertThat(SmsParts.of("€".repeat(80))).isEqualTo(new SmsParts(Encoding.GSM_7, 160, 1));
        assertThat(SmsParts.of("€".repeat(80) + "a").parts()).isEqualTo(2);
        // 152 septets, then "{" (two septets) does not fit the first part's 153: it opens the second.
        var text = "a".repeat(152) + "{" + "a".repeat(152);
        assertThat(SmsParts.of(text)).isEqualTo(new SmsParts(Encoding.GSM_7, 306, 3));
        assertThat(SmsParts.of("[a]{b}~^\\|\f").encoding()).isEqualTo(Encoding.GSM_7);
    }

    @Test
    void anyCharacterOutsideGsm7MakesItUcs2WithSeventyThenSixtySeven() {
        assertThat(SmsParts.of("ą")).isEqualTo(new SmsParts(Encoding.UCS_2, 1, 1));
        assertThat(SmsParts.of("ż" + "a".repeat(69))).isEqualTo(new SmsParts(Encoding.UCS_2, 70, 1));
        assertThat(SmsParts.of("ż" + "a".repeat(70))).isEqualTo(new SmsParts(Encoding.UCS_2, 71, 2));
        assertThat(SmsParts.of("ó" + "a".repeat(133)).parts()).isEqualTo(2);
        assertThat(SmsParts.of("ó" + "a".repeat(134)).parts()).isEqualTo(3);
        assertThat(SmsParts.of("„cudzysłów”").encoding()).isEqualTo(Encoding.UCS_2);
    }

    @Test
    void anEmojiIsTwoUnitsAndIsNeverSplit() {
        assertThat(SmsParts.of("🎉")).isEqualTo(new SmsParts(Encoding.UCS_2, 2, 1));
        // 66 units, then an emoji (two units) does not fit the first part's 67: it opens the second.
        var text = "a".repeat(66) + "🎉" + "a".repeat(66);
        assertThat(SmsParts.of(text)).isEqualTo(new SmsParts(Encoding.UCS_2, 134, 3));
    }

    @Test
    void polishLettersWithoutDiacriticsOftenSaveParts() {
        var body = "Zniżka -20% na całą kolekcję jesienną! Sprawdź nowości w sklepie, "
                + "a przy zamówieniu powyżej 200 zł dostawa gratis. Oferta ważna do niedzieli.";
        assertThat(SmsParts.of(body)).isEqualTo(new SmsParts(Encoding.UCS_2, body.length(), 3));
        var plain = SmsParts.withoutDiacritics(body);
        assertThat(plain).isEqualTo(new SmsParts(Encoding.GSM_7, body.length(), 1));
        assertThat(SmsParts.plain("Łódź „żółć” – gęś…")).isEqualTo("Lodz \"zolc\" - ges...");
    }

    @Test
    void plainTextIsLeftAlone() {
        var body = "Hello {name}, 20% off today!";
        assertThat(SmsParts.withoutDiacritics(body)).isEqualTo(SmsParts.of(body));
    }
}
