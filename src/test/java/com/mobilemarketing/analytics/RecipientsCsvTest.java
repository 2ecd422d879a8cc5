package com.mobilemarketing.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells are quoted per RFC 4180 and never start a spreadsheet formula. */
class RecipientsCsvTest {

    @Test
    void quotesAndNeutralisesFormulas() {
        assertThat(RecipientsCsv.escape("Anna Nowak")).isEqualTo("Anna Nowak");
        assertThat(RecipientsCsv.escape("Nowak, Anna")).isEqualTo("\"Nowak, Anna\"");
        assertThat(RecipientsCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RecipientsCsv.escape("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(RecipientsCsv.escape("+48 500 600 700")).isEqualTo("'+48 500 600 700");
        assertThat(RecipientsCsv.escape("-1")).isEqualTo("'-1");
        assertThat(RecipientsCsv.escape("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RecipientsCsv.escape("line\nbreak")).isEqualTo("\"line\nbreak\"");
    }
}
