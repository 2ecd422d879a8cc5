package com.mobilemarketing.cost;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.TestMessages.TestMessage;
import com.mobilemarketing.core.db.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A hand-built day of Flora's callback gateway and its gateway report, one difference of each kind:
 * six recipients of one SMS (one part each, 0,07 zł each however it ends) sent on 10 March 2019;
 * the report agrees on two, says undelivered for one we have delivered (status), two parts for one
 * (parts), 0,08 zł for one (price), leaves one of ours out (unknown to the gateway), and names one
 * message we never sent (unknown to us) and one inbound message (left out).
 */
public final class ReconciliationFixture {

    public static final long GATEWAY = 1;
    public static final LocalDate DAY = LocalDate.of(2019, 3, 10);
    public static final Instant SENT_AT = Instant.parse("2019-03-10T09:00:00Z");
    public static final String HEADER =
            "From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit\r\n";

    private final DSLContext db;
    private final TestMessages messages;
    public final TestMessage message;

    public ReconciliationFixture(DSLContext db) {
        this.db = db;
        this.messages = new TestMessages(db);
        this.message = messages.create(AbstractDatabaseTest.FLORA, "SMS", GATEWAY, 6, SENT_AT, true);
        Tenant.runAllAccounts(() -> {
            db.execute(
                    "update message_recipient set cost = 70000, cost_undelivered = 70000 where account_id = ? and message_id = ?",
                    AbstractDatabaseTest.FLORA,
                    message.id());
            // 0, 1, 3, 4: delivered; 2: failed; 5: sent, no outcome.
            db.execute(
                    "update message_recipient set delivered_at = sent_at + interval '5 seconds' "
                            + "where account_id = ? and message_id = ? and provider_message_id in (?, ?, ?, ?)",
                    AbstractDatabaseTest.FLORA,
                    message.id(),
                    sid(0),
                    sid(1),
                    sid(3),
                    sid(4));
            db.execute(
                    "update message_recipient set failed_at = sent_at + interval '5 seconds', error_code = '30003' "
                            + "where account_id = ? and message_id = ? and provider_message_id = ?",
                    AbstractDatabaseTest.FLORA,
                    message.id(),
                    sid(2));
        });
    }

    public String sid(int recipient) {
        return message.providerIds().get(recipient);
    }

    /** The gateway's report of the day as Twilio exports it. */
    public byte[] report() {
        return csv(List.of(
                line(sid(0), "delivered", 1, "-0.07"),
                line(sid(1), "undelivered", 1, "-0.07"),
                line(sid(2), "failed", 2, "-0.14"),
                line(sid(3), "delivered", 1, "-0.08"),
                line(sid(5), "sent", 1, "-0.07"),
                line("SMunknown" + message.id(), "delivered", 1, "-0.07"),
                "+48601000000,SKLEP,STOP,received,2019-03-10T09:30:00Z,2010-04-01,1,,AC1,SMin" + message.id()
                        + ",inbound,-0.0075,PLN"));
    }

    public static String line(String sid, String status, int parts, String price) {
        return "SKLEP,+48600000000,\"Wiosna, \"\"-20%\"\"\"," + status + ",2019-03-10T09:00:01Z,2010-04-01," + parts
                + ",,AC1," + sid + ",outbound-api," + price + ",PLN";
    }

    public static byte[] csv(List<String> lines) {
        return ("\uFEFF" + HEADER + String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Removes the test's reports and their rows, the message and the rollup rows it alone made. */
    public void remove() {
        Tenant.runAllAccounts(() -> {
            db.execute(
                    "delete from gateway_report_row where account_id = ? and report_id in "
                            + "(select id from gateway_report where account_id = ? and file_name like 'test-%')",
                    AbstractDatabaseTest.FLORA, AbstractDatabaseTest.FLORA);
            db.execute(
                    "delete from gateway_report where account_id = ? and file_name like 'test-%'",
                    AbstractDatabaseTest.FLORA);
            messages.removeAll();
            db.execute(
                    "delete from cost_daily where account_id = ? and cost_micros = 0 and unpriced = 0",
                    AbstractDatabaseTest.FLORA);
        });
    }
}
