package com.mobilemarketing.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The remembered offset gives what {@code atZoneSameInstant} gives, in any order and across transitions. */
class LocalTimesTest {

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Warsaw"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Asia/Kolkata"),
            ZoneOffset.ofHours(-3),
            ZoneOffset.UTC);

    @Test
    void everySecondAroundTransitionsAndRandomInstantsInAnyOrder() {
        var random = new Random(7);
        for (var zone : ZONES) {
            var times = new ArrayList<OffsetDateTime>();
            // Around the spring and autumn changes of 2026 in Warsaw and New York, second by second.
            for (var change : List.of("2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2026-03-08T07:00:00Z")) {
                var at = OffsetDateTime.parse(change);
                for (var s = -5; s <= 5; s++) {
                    times.add(at.plusSeconds(s).plusNanos(random.nextInt(1_000_000_000)));
                }
            }
            for (var i = 0; i < 2_000; i++) {
                times.add(OffsetDateTime.parse("2018-01-01T00:00:00Z")
                        .plusSeconds(random.nextLong(12L * 365 * 24 * 3600))
                        .plusNanos(random.nextInt(1_000_000_000)));
            }
            for (var order : List.of("as made", "ascending", "descending", "shuffled")) {
                switch (order) {
                    case "ascending" -> Collections.sort(times);
                    case "descending" -> times.sort(Collections.reverseOrder());
                    case "shuffled" -> Collections.shuffle(times, random);
                    default -> {}
                }
                var local = new LocalTimes(zone);
                for (var time : times) {
                    assertThat(local.local(time))
                            .as("%s in %s (%s)", time, zone, order)
                            .isEqualTo(time.atZoneSameInstant(zone)
                                    .toLocalDateTime()
                                    .truncatedTo(ChronoUnit.SECONDS));
                }
            }
        }
        assertThat(new LocalTimes(ZoneOffset.UTC).local(null)).isNull();
    }
}
