package com.mobilemarketing.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Demo content a Polish marketer would believe: names, addresses and campaigns that fit. */
class DemoContentTest extends AbstractDatabaseTest {

    private static final String WOMEN = """
            first_name in ('Anna','Maria','Katarzyna','Małgorzata','Agnieszka','Barbara','Ewa','Krystyna',
                           'Magdalena','Elżbieta','Joanna','Aleksandra','Zofia','Monika','Natalia','Łucja')""";

    @Test
    void womensSurnamesAgreeInGender() {
        Tenant.runAllAccounts(() -> {
            assertThat(queryLong("select count(*) from contact where " + WOMEN)).isGreaterThan(1000);
            // Adjectival surnames take the feminine ending; the others stay as they are.
            assertThat(queryStrings("select distinct first_name || ' ' || last_name from contact where " + WOMEN
                            + " and last_name ~ '(ski|cki|dzki)$' limit 5"))
                    .isEmpty();
            assertThat(queryStrings("select distinct first_name || ' ' || last_name from contact where not (" + WOMEN
                            + ") and last_name ~ '(ska|cka|dzka)$' limit 5"))
                    .isEmpty();
            assertThat(queryStrings("select distinct last_name from contact where " + WOMEN))
                    .contains("Żółtowska", "Kowalska", "Nowicka", "Zawadzka", "Nowak", "Król", "Mazur");
            assertThat(queryStrings("select distinct last_name from contact where not (" + WOMEN + ")"))
                    .contains("Żółtowski", "Kowalski", "Nowicki", "Zawadzki", "Nowak");
            // The address follows the name: maria.zoltowska.<id>@example.pl
            assertThat(queryLong("select count(*) from contact where email is not null and email not like "
                            + "fold_text(first_name) || '.' || fold_text(last_name) || '.%@example.pl'"))
                    .isZero();
        });
    }

    @Test
    void everyContactHasAnEmailAddressOfItsOwn() {
        Tenant.runAllAccounts(() -> {
            assertThat(queryLong("select count(*) from contact where email is not null"))
                    .isGreaterThan(5000);
            assertThat(queryLong("select count(*) from (select lower(email) from contact where email is not null "
                            + "group by lower(email) having count(*) > 1) duplicated"))
                    .isZero();
        });
    }

    @Test
    void campaignNamesFitTheirDates() {
        var rows = asAllAccounts(() -> db.fetch("""
                select name, (coalesce(sent_at, scheduled_at) at time zone 'Europe/Warsaw')::date as day
                from message where type = 'BULK'
                """));
        assertThat(rows).hasSizeGreaterThan(200);
        var dates = DateTimeFormatter.ofPattern("dd.MM.yyyy");
        for (var row : rows) {
            var name = row.get(0, String.class);
            var day = row.get(1, LocalDate.class);
            // The date in the name is the message's own local day.
            assertThat(name).as(name).endsWith(" " + day.format(dates));
            var campaign = DemoCampaigns.BULK_CAMPAIGNS.stream()
                    .filter(c -> name.startsWith(c.name() + " "))
                    .findFirst();
            assertThat(campaign).as(name).isPresent();
            assertThat(fits(campaign.get(), MonthDay.from(day))).as(name).isTrue();
        }
        // The two the first users noticed, said plainly.
        assertThat(rows)
                .noneMatch(row -> row.get(0, String.class).startsWith("Walentynki")
                        && row.get(1, LocalDate.class).getMonthValue() != 2);
        assertThat(rows)
                .noneMatch(row -> row.get(0, String.class).startsWith("Letnie rabaty")
                        && row.get(1, LocalDate.class).getMonthValue() == 12);
        // Seasonal campaigns do appear in their season (the demo covers 13 months).
        assertThat(rows).anyMatch(row -> row.get(0, String.class).startsWith("Świąteczna promocja"));
        assertThat(rows).anyMatch(row -> row.get(0, String.class).startsWith("Letnie rabaty"));
    }

    private static boolean fits(DemoCampaigns.Campaign campaign, MonthDay day) {
        if (campaign.seasons().isEmpty()) {
            return true;
        }
        return campaign.seasons().stream().anyMatch(season -> {
            var ends = season.split("\\.\\.");
            var from = MonthDay.parse("--" + ends[0]);
            var to = MonthDay.parse("--" + ends[1]);
            return !day.isBefore(from) && !day.isAfter(to);
        });
    }
}
