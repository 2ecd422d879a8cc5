package com.mobilemarketing.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.KaribuTest;
import com.mobilemarketing.TestMessages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics page of an SMS shows the parts its body is billed as and, when the Polish letters
 * alone make it longer, how many parts it would take without them; other channels show neither.
 */
class SmsPartsOnAnalyticsPageTest extends KaribuTest {

    /** 141 characters: UCS-2 in 3 parts because of its diacritics, 1 GSM-7 part without them. */
    private static final String POLISH = "Zniżka -20% na całą kolekcję jesienną! Sprawdź nowości w sklepie, "
            + "a przy zamówieniu powyżej 200 zł dostawa gratis. Oferta ważna do niedzieli.";

    private TestMessages messages;

    @BeforeEach
    void createMessages() {
        messages = new TestMessages(db);
    }

    @AfterEach
    void removeMessages() {
        messages.removeAll();
    }

    private long message(String channel, String content) {
        Long gateway = "SMS".equals(channel)
                ? asAllAccounts(() -> queryLong("select min(id) from sms_gateway where account_id = 1"))
                : null;
        var message = messages.create(1, channel, gateway, 1, Instant.now().minus(1, ChronoUnit.DAYS), true);
        asAllAccounts(() -> db.execute("update message set content = ? where id = ?", content, message.id()));
        return message.id();
    }

    @Test
    void anSmsWithPolishLettersShowsItsPartsAndWhatPlainLettersWouldSave() {
        var id = message("SMS", POLISH);
        login("anna");
        UI.getCurrent().navigate("mobile-marketing/messages/" + id);
        var parts = _get(Div.class, spec -> spec.withId("sms-parts"));
        assertThat(parts.getElement().getTextRecursively())
                .contains("Części SMS")
                .contains("3 (UCS-2");
        assertThat(_get(Paragraph.class, spec -> spec.withId("sms-parts-saving"))
                        .getText())
                .isEqualTo("Polskie znaki: 3 części zamiast 1, bez znaków diakrytycznych (ą → a, ł → l) i cudzysłowów"
                        + " drukarskich.");
    }

    @Test
    void aPlainSmsShowsItsPartsWithoutAHint() {
        var id = message("SMS", "Rabat 20% na wszystko: https://sklep.example.pl/r/abc");
        login("anna");
        UI.getCurrent().navigate("mobile-marketing/messages/" + id);
        assertThat(_get(Div.class, spec -> spec.withId("sms-parts"))
                        .getElement()
                        .getTextRecursively())
                .contains("1 (GSM-7");
        assertThat(_find(Paragraph.class, spec -> spec.withId("sms-parts-saving")))
                .isEmpty();
    }

    @Test
    void otherChannelsHaveNoSmsParts() {
        var id = message("WHATSAPP", POLISH);
        login("anna");
        UI.getCurrent().navigate("mobile-marketing/messages/" + id);
        assertThat(_find(Div.class, spec -> spec.withId("sms-parts"))).isEmpty();
    }
}
