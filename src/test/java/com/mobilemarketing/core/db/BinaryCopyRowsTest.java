package com.mobilemarketing.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.db.enums.Channel;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A binary copy read in place gives the values the driver gives for the same select, on the real
 * server: numbers, nulls, text of any length and alphabet, enum labels and timestamps on both sides
 * of PostgreSQL's epoch; and a copy left half read leaves its connection usable.
 */
class BinaryCopyRowsTest extends AbstractDatabaseTest {

    private record Row(
            long id,
            @Nullable Long amount,
            @Nullable String text,
            String channel,
            @Nullable OffsetDateTime at,
            @Nullable Boolean flag) {}

    private static final String SELECT = """
            select g::bigint,
                   case when g % 3 = 0 then null else g * -1234567890123 end,
                   case when g % 5 = 0 then null
                        when g = 7 then repeat('Łódź, tab	and "quote"\nline ', 5000)
                        else 'Zażółć gęślą jaźń ' || g end,
                   (enum_range(null::channel))[1 + g % 3],
                   case when g % 4 = 0 then null
                        else timestamptz '1999-12-31 23:59:59.999999+00' + make_interval(days => (g - 150) * 100, secs => g * 0.000001) end,
                   case when g % 7 = 0 then null else g % 2 = 0 end
            from generate_series(1, 300) g
            order by g
            """;

    @Test
    void readsWhatTheDriverReads() {
        var expected = db.fetch(SELECT)
                .map(r -> new Row(
                        r.get(0, Long.class),
                        r.get(1, Long.class),
                        r.get(2, String.class),
                        r.get(3, String.class),
                        r.get(4, OffsetDateTime.class),
                        r.get(5, Boolean.class)));
        var read = db.connectionResult(connection -> {
            var rows = new ArrayList<Row>();
            try (var copy = BinaryCopyRows.open(connection, SELECT)) {
                var channels = BinaryCopyRows.Labels.of(Channel.class);
                while (copy.next()) {
                    assertThat(copy.label(3, channels))
                            .extracting(Channel::getLiteral)
                            .isEqualTo(copy.text(3));
                    rows.add(new Row(
                            copy.int8(0),
                            copy.isNull(1) ? null : copy.int8(1),
                            copy.text(2),
                            copy.text(3),
                            copy.timestamptz(4),
                            copy.bool(5)));
                }
                assertThat(copy.next()).isFalse();
            }
            return rows;
        });
        assertThat(expected).hasSize(300);
        assertThat(expected.get(6).text()).hasSizeGreaterThan(100_000);
        assertThat(expected).anyMatch(r -> r.at() != null && r.at().getYear() < 2000);
        assertThat(expected).extracting(Row::flag).contains(true, false, null);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void aNullBigintReadsAsZeroAndAWrongTypeOrLabelIsRefused() throws SQLException {
        db.connection(connection -> {
            try (var copy = BinaryCopyRows.open(connection, "select null::bigint, 7::integer, 'NOPE'::text")) {
                assertThat(copy.next()).isTrue();
                assertThat(copy.label(0, BinaryCopyRows.Labels.of(Channel.class)))
                        .isNull();
                assertThatThrownBy(() -> copy.label(2, BinaryCopyRows.Labels.of(Channel.class)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("NOPE");
                assertThat(copy.isNull(0)).isTrue();
                assertThat(copy.int8(0)).isZero();
                assertThatThrownBy(() -> copy.int8(1)).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> copy.text(3)).isInstanceOf(IndexOutOfBoundsException.class);
            }
        });
    }

    @Test
    void aCopyStoppedHalfwayLeavesItsTransactionToRollBackAndItsConnectionUsable() {
        var seen = new ArrayList<Long>();
        assertThatThrownBy(() -> db.transaction(trx -> trx.dsl().connection(connection -> {
                    try (var copy =
                            BinaryCopyRows.open(connection, "select g::bigint from generate_series(1, 100000) g")) {
                        while (copy.next()) {
                            seen.add(copy.int8(0));
                            if (seen.size() == 10) {
                                throw new IllegalStateException("the reader stops");
                            }
                        }
                    }
                })))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("the reader stops");
        assertThat(seen).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
        for (var i = 0; i < 12; i++) {
            assertThat(queryLong("select count(*) from generate_series(1, 3)")).isEqualTo(3);
        }
    }
}
