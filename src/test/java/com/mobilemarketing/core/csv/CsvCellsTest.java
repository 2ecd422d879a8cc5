package com.mobilemarketing.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells are quoted per RFC 4180 and never start a spreadsheet formula. */
class CsvCellsTest {

    @Test
    void neutralisesEveryFormulaStart() {
        assertThat(CsvCells.neutralise("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvCells.neutralise("+48 500 600 700")).isEqualTo("'+48 500 600 700");
        assertThat(CsvCells.neutralise("-1")).isEqualTo("'-1");
        assertThat(CsvCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralise("\t=x")).isEqualTo("'\t=x");
        assertThat(CsvCells.neutralise("Promocja -20%")).isEqualTo("Promocja -20%");
        assertThat(CsvCells.neutralise("")).isEmpty();
    }

    @Test
    void quotesOnlyWhereNeeded() {
        assertThat(CsvCells.quote("Róże")).isEqualTo("Róże");
        assertThat(CsvCells.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.quote("a;b")).isEqualTo("\"a;b\"");
        assertThat(CsvCells.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.quote(" padded")).isEqualTo("\" padded\"");
    }

    @Test
    void textCellsAreNeutralisedThenQuoted() {
        assertThat(CsvCells.text("Nowak, Anna")).isEqualTo("\"Nowak, Anna\"");
        assertThat(CsvCells.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
