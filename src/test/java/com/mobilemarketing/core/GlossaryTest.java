package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.i18n.TranslationProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One term per concept (the glossary of the product description): the labels of a concept use the
 * glossary's word in both languages, and no text of either bundle uses a synonym the glossary
 * replaced ("dostarczalność" for the delivery rate, "Rodzaj" for the message type, ...).
 */
class GlossaryTest {

    /** A concept: its glossary term per language, the labels that name it, and the words it replaced. */
    private record Concept(String name, String polish, String english, List<String> labels, List<String> forbidden) {}

    private static final List<Concept> CONCEPTS = List.of(
            new Concept(
                    "delivery rate",
                    "Wskaźnik dostarczenia",
                    "Delivery rate",
                    List.of("messages.column.deliveryRate", "export.column.deliveryRate", "stats.rate.delivery.short"),
                    List.of(
                            "wskaźnik dostarczeń",
                            "współczynnik dostarcz",
                            "dostarczalnoś",
                            "deliverability",
                            "delivery ratio")),
            new Concept(
                    "open rate",
                    "Wskaźnik otwarć",
                    "Open rate",
                    List.of("messages.column.openRate", "export.column.openRate", "stats.rate.open.short"),
                    List.of("współczynnik otwarć", "open ratio")),
            new Concept(
                    "click-through rate",
                    "CTR",
                    "CTR",
                    List.of("messages.column.clickRate", "export.column.clickRate", "stats.rate.ctr.short"),
                    List.of("wskaźnik kliknięć", "współczynnik kliknięć", "click rate", "click-through rate")),
            new Concept(
                    "message type",
                    "Typ wiadomości",
                    "Message type",
                    List.of("messages.column.type", "export.column.type", "support.col.type"),
                    List.of("rodzaj wiadomości", "rodzaje wiadomości", "rodzaju wiadomości", "kind of message")),
            new Concept(
                    "orders",
                    "Zamówienia",
                    "Orders",
                    List.of("messages.column.orders", "export.column.orders", "stats.tile.orders"),
                    List.of("konwersje", "transakcje", "purchases")),
            new Concept(
                    "revenue",
                    "Przychód",
                    "Revenue",
                    List.of("messages.column.revenue", "export.column.revenue", "stats.tile.revenue"),
                    List.of("obrót", "sprzedaż", "utarg", "turnover")),
            new Concept(
                    "conversion rate",
                    "Współczynnik konwersji",
                    "Conversion rate",
                    List.of(
                            "messages.column.conversionRate",
                            "export.column.conversionRate",
                            "stats.rate.conversion.short"),
                    List.of("wskaźnik konwersji", "stopa konwersji", "konwersja zamówień")),
            new Concept(
                    "revenue per recipient",
                    "Przychód na odbiorcę",
                    "Revenue per recipient",
                    List.of(
                            "messages.column.revenuePerRecipient",
                            "export.column.revenuePerRecipient",
                            "stats.rate.revenue-per-recipient.short"),
                    List.of("przychód na kontakt", "revenue per contact")),
            new Concept(
                    "average order value",
                    "Średnia wartość zamówienia",
                    "Average order value",
                    List.of(
                            "messages.column.averageOrderValue",
                            "export.column.averageOrderValue",
                            "stats.rate.aov.short"),
                    List.of("średni koszyk", "wartość koszyka", "basket size")),
            new Concept(
                    "cost",
                    "Koszt",
                    "Cost",
                    List.of("messages.column.cost", "export.column.cost", "stats.tile.cost"),
                    List.of("wydatki na wysyłkę", "opłata", "spend total")),
            new Concept(
                    "cost per order",
                    "Koszt na zamówienie",
                    "Cost per order",
                    List.of(
                            "messages.column.costPerOrder",
                            "export.column.costPerOrder",
                            "stats.rate.cost-per-order.short"),
                    List.of("koszt zamówienia", "koszt pozyskania", "cost per acquisition")),
            new Concept(
                    "return on spend",
                    "Zwrot z wydatków (ROAS)",
                    "Return on spend (ROAS)",
                    List.of("messages.column.return", "export.column.return", "stats.rate.return.short"),
                    List.of("zwrot z inwestycji", "rentowność", "return on investment")),
            new Concept(
                    "campaign",
                    "Kampania",
                    "Campaign",
                    List.of("analytics.campaign.title"),
                    List.of("akcja marketingowa", "kampania wielokanałowa")),
            new Concept(
                    "unique reach",
                    "Zasięg unikalny",
                    "Unique reach",
                    List.of("analytics.campaign.col.figure"),
                    List.of("zasięg unikatowy", "unikatowy zasięg", "unikalny zasięg", "distinct reach")),
            new Concept(
                    "unique recipients",
                    "Unikalni odbiorcy",
                    "Unique recipients",
                    List.of("analytics.campaign.reached", "stats.unique"),
                    List.of("unikatowi odbiorcy", "unique contacts reached")),
            new Concept(
                    "channel overlap",
                    "Część wspólna kanałów",
                    "Channel overlap",
                    List.of("stats.overlap.title"),
                    List.of("przecięcie kanałów", "nakładanie się kanałów", "channel intersection")),
            new Concept(
                    "gateway reconciliation",
                    "Uzgodnienie z bramką",
                    "Gateway reconciliation",
                    List.of("nav.reconciliation", "reconciliation.title"),
                    List.of("rekoncyliacj", "uzgadnianie", "rozliczenie z bramką", "gateway audit")),
            new Concept(
                    "gateway report",
                    "Raport bramki",
                    "Gateway report",
                    List.of("reconciliation.report"),
                    List.of("raport operatora", "raport dostawcy", "provider report", "carrier report")));

    /** A bare "Rodzaj" / "Typ" label cannot say which concept it names. */
    private static final Pattern BARE_WORD = Pattern.compile("(?i)rodzaj|typ|type|kind");

    private final Map<String, Map<String, String>> bundles =
            Map.of("pl", TranslationProvider.load("pl"), "en", TranslationProvider.load("en"));

    @Test
    void eachConceptIsNamedWithTheGlossaryTerm() {
        for (var concept : CONCEPTS) {
            for (var key : concept.labels()) {
                assertThat(bundles.get("pl").get(key))
                        .as("%s (pl) for the %s", key, concept.name())
                        .isEqualTo(concept.polish());
                assertThat(bundles.get("en").get(key))
                        .as("%s (en) for the %s", key, concept.name())
                        .isEqualTo(concept.english());
            }
        }
    }

    @Test
    void noTextUsesAReplacedSynonym() {
        assertThat(synonyms(bundles)).isEmpty();
    }

    @Test
    void theCheckCatchesEachOldLabel() {
        // The labels the screens used before: each one is caught.
        for (var old : List.of(
                "Współczynnik dostarczeń",
                "Wskaźnik dostarczeń",
                "dostarczalność {0}",
                "Wskaźnik kliknięć (CTR)",
                "Rodzaj",
                "Click rate")) {
            assertThat(synonyms(Map.of("pl", Map.of("some.key", old)))).as(old).hasSize(1);
        }
    }

    /** Every text of the bundles that names a concept with a word the glossary replaced. */
    private static TreeSet<String> synonyms(Map<String, Map<String, String>> bundles) {
        var found = new TreeSet<String>();
        bundles.forEach((language, texts) -> texts.forEach((key, text) -> {
            var lower = text.toLowerCase(Locale.ROOT);
            for (var concept : CONCEPTS) {
                for (var synonym : concept.forbidden()) {
                    if (lower.contains(synonym)) {
                        found.add("%s (%s): \"%s\" uses \"%s\" for the %s; the glossary says \"%s\""
                                .formatted(
                                        key,
                                        language,
                                        text,
                                        synonym,
                                        concept.name(),
                                        language.equals("pl") ? concept.polish() : concept.english()));
                    }
                }
            }
            if (BARE_WORD.matcher(text.strip()).matches()) {
                found.add("%s (%s): a bare \"%s\" does not say what it is the type of".formatted(key, language, text));
            }
        }));
        return found;
    }
}
