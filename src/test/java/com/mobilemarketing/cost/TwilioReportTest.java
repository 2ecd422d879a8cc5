package com.mobilemarketing.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Twilio's message log export: RFC 4180 quoting, the byte order mark, columns by name, statuses, refusals with a reason. */
class TwilioReportTest {

    private static final String HEADER =
            "From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit\r\n";

    private static List<TwilioReport.Row> read(String text) {
        var rows = new ArrayList<TwilioReport.Row>();
        TwilioReport.read(new StringReader(text), rows::add);
        return rows;
    }

    private static InvalidReportException refusal(String text) {
        var thrown =
                org.assertj.core.api.Assertions.catchThrowableOfType(InvalidReportException.class, () -> read(text));
        assertThat(thrown).as("refused").isNotNull();
        return thrown;
    }

    @Test
    void readsQuotedFieldsWithSeparatorsQuotesAndLineBreaks() {
        var rows = read("\uFEFF" + HEADER
                + "SKLEP,+48601234567,\"Rabat, 20%\r\n\"\"dziś\"\" tylko\",delivered,2026-11-28T10:15:00Z,2010-04-01,2,,AC1,SM1,"
                + "outbound-api,-0.15000,PLN\r\n"
                + "SKLEP,+48601234568,Hej,undelivered,\"Sat, 28 Nov 2026 10:16:00 +0000\",2010-04-01,1,30003,AC1,SM2,"
                + "outbound-api,,USD\n"
                + "SKLEP,+48601234569,Hej,sent,2026-11-28 10:17:00,2010-04-01,1,,AC1,SM3,outbound-api,-0.07,pln");
        assertThat(rows).hasSize(3);
        var first = rows.get(0);
        assertThat(first.sid()).isEqualTo("SM1");
        assertThat(first.status()).isEqualTo("DELIVERED");
        assertThat(first.segments()).isEqualTo(2);
        assertThat(first.price()).isEqualByComparingTo(new BigDecimal("0.15"));
        assertThat(first.sentAt()).isEqualTo(Instant.parse("2026-11-28T10:15:00Z"));
        assertThat(first.to()).isEqualTo("+48601234567");
        // The body's line break is inside quotes: the next record starts on line 4 of the file.
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(1).status()).isEqualTo("FAILED");
        assertThat(rows.get(1).errorCode()).isEqualTo("30003");
        assertThat(rows.get(1).price()).isNull();
        assertThat(rows.get(1).sentAt()).isEqualTo(Instant.parse("2026-11-28T10:16:00Z"));
        assertThat(rows.get(2).status()).isEqualTo("SENT");
        assertThat(rows.get(2).priceUnit()).isEqualTo("PLN");
        assertThat(rows.get(2).sentAt()).isEqualTo(Instant.parse("2026-11-28T10:17:00Z"));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndCase() {
        var rows = read("sid,date_sent,STATUS,num_segments,price\nSM9,2026-11-28T10:00:00+01:00,read,3,-0.21\n");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.sid()).isEqualTo("SM9");
            assertThat(row.status()).isEqualTo("DELIVERED");
            assertThat(row.segments()).isEqualTo(3);
            assertThat(row.sentAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
            assertThat(row.priceUnit()).isNull();
        });
    }

    @Test
    void inboundAndUnsentMessagesAreLeftOutAndCounted() {
        var rows = new ArrayList<TwilioReport.Row>();
        var counts = TwilioReport.read(
                new StringReader(HEADER
                        + "+48601,SKLEP,Stop,received,2026-11-28T10:00:00Z,2010-04-01,1,,AC1,SM1,inbound,-0.0075,PLN\r\n"
                        + "SKLEP,+48602,Hej,queued,,2010-04-01,1,,AC1,SM2,outbound-api,,PLN\r\n"
                        + "SKLEP,+48603,Hej,canceled,,2010-04-01,1,,AC1,SM3,outbound-api,,PLN\r\n"
                        + "SKLEP,+48604,Hej,delivered,2026-11-28T10:00:00Z,2010-04-01,1,,AC1,SM4,outbound-api,-0.07,PLN\r\n"
                        + "\r\n"),
                rows::add);
        assertThat(counts).isEqualTo(new TwilioReport.Counts(4, 3));
        assertThat(rows).extracting(TwilioReport.Row::sid).containsExactly("SM4");
    }

    @Test
    void missingColumnsAreNamed() {
        var refused = refusal("From,To,Body,Status,Sid,Price\r\nSKLEP,+48601,Hej,sent,SM1,-0.07\r\n");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.key()).isEqualTo("reconciliation.error.columns");
        assertThat(refused.arguments()).containsExactly("SentDate/DateSent, NumSegments");
    }

    @Test
    void badValuesAreRefusedWithTheirLine() {
        var refused = refusal(
                HEADER + "SKLEP,+48601,Hej,delivered,yesterday,2010-04-01,1,,AC1,SM1,outbound-api,-0.07,PLN\r\n");
        assertThat(refused.key()).isEqualTo("reconciliation.error.value");
        assertThat(refused.arguments()).containsExactly(2L, "SentDate", "yesterday");

        assertThat(refusal(
                                HEADER
                                        + "SKLEP,+48601,Hej,delivered,2026-11-28T10:00:00Z,2010-04-01,one,,AC1,SM1,o,-0.07,PLN\r\n")
                        .arguments())
                .containsExactly(2L, "NumSegments", "one");
        assertThat(refusal(
                                HEADER
                                        + "SKLEP,+48601,Hej,delivered,2026-11-28T10:00:00Z,2010-04-01,1,,AC1,SM1,o,-0.0000001,PLN\r\n")
                        .arguments())
                .containsExactly(2L, "Price", "-0.0000001");
        assertThat(refusal(HEADER
                                + "SKLEP,+48601,Hej,delivered,2026-11-28T10:00:00Z,2010-04-01,1,,AC1,,o,-0.07,PLN\r\n")
                        .arguments())
                .containsExactly(2L, "Sid", "");
        // PostgreSQL cannot store a NUL character: the file is refused with the line, not failed in the copy.
        assertThat(refusal(
                                HEADER
                                        + "SKLEP,+48601,Hej,failed,2026-11-28T10:00:00Z,2010-04-01,1,300\u000005,AC1,SM1,o,-0.07,PLN\r\n")
                        .arguments())
                .containsExactly(2L, "ErrorCode", "300?05");
        assertThat(refusal(
                                HEADER
                                        + "SKLEP,+48601\u0000,Hej,failed,2026-11-28T10:00:00Z,2010-04-01,1,,AC1,SM1,o,-0.07,PLN\r\n")
                        .arguments())
                .containsExactly(2L, "To", "+48601?");
        var status =
                refusal(HEADER + "SKLEP,+48601,Hej,lost,2026-11-28T10:00:00Z,2010-04-01,1,,AC1,SM1,o,-0.07,PLN\r\n");
        assertThat(status.key()).isEqualTo("reconciliation.error.status");
        assertThat(status.arguments()).containsExactly(2L, "lost");
    }

    @Test
    void brokenQuotingAndEmptyFilesAreRefused() {
        assertThat(refusal(HEADER + "SKLEP,+48601,\"Hej,delivered\r\n").key()).isEqualTo("reconciliation.error.quote");
        assertThat(refusal(HEADER + "SKLEP,+48601,He\"j,delivered\r\n").key()).isEqualTo("reconciliation.error.quote");
        assertThat(refusal("").key()).isEqualTo("reconciliation.error.empty");
        assertThat(refusal("\uFEFF").key()).isEqualTo("reconciliation.error.empty");
    }

    @Test
    void columnsThatAreNotReadAreStillLimitedInLength() {
        var row = ",2026-11-28T10:15:00Z,2010-04-01,1,,AC1,SM1,outbound-api,-0.07,PLN\r\n";
        assertThat(read(HEADER + "SKLEP,+48601,\"" + "x".repeat(TwilioReport.MAX_FIELD) + "\",delivered" + row))
                .singleElement()
                .satisfies(r -> assertThat(r.sid()).isEqualTo("SM1"));
        assertThat(refusal(HEADER + "SKLEP,+48601," + "x".repeat(TwilioReport.MAX_FIELD + 1) + ",delivered" + row)
                        .key())
                .isEqualTo("reconciliation.error.field");
    }

    @Test
    void aHeaderOnlyFileHasNoRows() {
        assertThat(read(HEADER)).isEmpty();
        assertThatThrownBy(() -> read("Sid\r\n")).isInstanceOf(InvalidReportException.class);
    }
}
