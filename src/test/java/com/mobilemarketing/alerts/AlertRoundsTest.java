package com.mobilemarketing.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.TestMessages;
import com.mobilemarketing.TestMessages.TestMessage;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.i18n.TranslationProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alert rounds on traffic the test writes into an otherwise quiet month (December 2026, after the
 * demo data): a gateway's delivery rate drops, an error code jumps, an integration stops sending
 * reports; each is raised once, mailed once through a real SMTP server in-process, and resolved
 * when the traffic recovers. Two nodes running the same minute never both run it.
 */
class AlertRoundsTest extends AbstractDatabaseTest {

    private static final Instant NOW = Instant.parse("2026-12-20T12:00:00Z");

    /** An account of the e-mail test alone, in New York. */
    private static final long ZONE_SHOP = 700_000_001L;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    private AlertRounds rounds;

    @Autowired
    private AlertRepository repository;

    @Autowired
    private AlertMailer mailer;

    @Autowired
    private AlertProperties properties;

    @Autowired
    private TransactionTemplate transaction;

    private TestMessages messages;

    @BeforeEach
    void cleanSlate() {
        messages = new TestMessages(db);
        reset();
    }

    @AfterEach
    void removeEverything() {
        messages.removeAll();
        reset();
    }

    private void reset() {
        Tenant.runAllAccounts(() -> {
            db.execute("delete from alert");
            db.execute("delete from alert_recipient");
            db.execute("update alert_round set minute = '2000-01-01 00:00:00+00'");
        });
    }

    @Test
    void brokenChannelsRaiseOnceMailOnceAndResolveWhenTheyRecover() {
        // 30-day normal: WhatsApp and Viber delivered everything.
        deliver(message("WHATSAPP", 30, "2026-12-10T10:00:00Z"), 30);
        deliver(message("VIBER", 25, "2026-12-10T10:00:00Z"), 25);
        // The last hour: WhatsApp delivers 5 of 30 and fails 20 with one code; Viber answers nothing.
        var whatsapp = message("WHATSAPP", 30, "2026-12-20T11:25:00Z");
        deliver(whatsapp, 5);
        fail(whatsapp, 20, "131026");
        var viber = message("VIBER", 25, "2026-12-20T11:40:00Z");
        Tenant.runAllAccounts(
                () -> repository.addRecipient(FLORA, "anna@flora.example.pl", TranslationProvider.POLISH));

        var round = rounds.round(NOW);
        assertThat(round.claimed()).isTrue();
        var open = Tenant.call(FLORA, () -> repository.openAlerts(FLORA));
        assertThat(open)
                .extracting(a -> a.kind() + " " + a.integration() + " " + a.code())
                .contains(
                        "DELIVERY_RATE_DROP WhatsApp ",
                        "ERROR_CODE_SPIKE WhatsApp 131026",
                        "CALLBACKS_STOPPED Viber ",
                        "DELIVERY_RATE_DROP Viber ");
        var drop = open.stream()
                .filter(a -> a.kind() == AlertKind.DELIVERY_RATE_DROP
                        && a.integration().equals("WhatsApp"))
                .findFirst()
                .orElseThrow();
        assertThat(drop.observed()).isEqualByComparingTo("0.1667");
        assertThat(drop.expected()).isEqualByComparingTo("1");
        assertThat(Tenant.call(FLORA, () -> repository.openAlerts(FLORA))).hasSameSizeAs(open);

        // Mailed once through SMTP, in Polish, with the figures.
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.getSmtp().getPort());
        var mailed = Tenant.allAccounts(() -> mailer.sendPending(sender));
        assertThat(mailed).isGreaterThanOrEqualTo(4);
        var received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(mailed);
        var subjects = new ArrayList<String>();
        for (var message : received) {
            subjects.add(uncheckedSubject(message));
        }
        assertThat(subjects).anySatisfy(s -> assertThat(s).contains("Spadek wskaźnika dostarczenia: WhatsApp"));
        assertThat(GreenMailUtil.getBody(received[0])).contains("Konto: Flora");
        assertThat(Tenant.allAccounts(() -> mailer.sendPending(sender))).isZero();

        // The next minute: the same conditions raise nothing again.
        var next = rounds.round(NOW.plusSeconds(60));
        assertThat(next.claimed()).isTrue();
        assertThat(next.raised()).isEmpty();

        // The channels recover: every alert of the test traffic resolves.
        deliver(whatsapp, 30);
        deliver(viber, 25);
        var recovered = rounds.round(NOW.plusSeconds(120));
        assertThat(recovered.resolved()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(Tenant.call(FLORA, () -> repository.openAlerts(FLORA)))
                .extracting(Alert::kind)
                .doesNotContain(AlertKind.DELIVERY_RATE_DROP, AlertKind.CALLBACKS_STOPPED);
        assertThat(Tenant.call(FLORA, () -> repository.openAlerts(FLORA)))
                .noneMatch(
                        a -> a.kind() == AlertKind.ERROR_CODE_SPIKE && a.code().equals("131026"));
        assertThat(Tenant.allAccounts(() -> queryLong(
                        "select count(*) from alert where account_id = 1 and raised_at = ?::timestamptz",
                        NOW.toString())))
                .isEqualTo(open.size());
    }

    @Test
    void eachRecipientGetsTheEmailInTheirLanguageWithTheAccountsTime() throws Exception {
        Tenant.runAllAccounts(() -> {
            db.execute(
                    "insert into account (id, name, time_zone) values (?, 'Zone Shop', 'America/New_York')", ZONE_SHOP);
            db.execute(
                    "insert into alert (account_id, kind, subject, code, observed, expected, raised_at) values "
                            + "(?, 'DELIVERY_RATE_DROP', 'whatsapp', '', 0.5, 0.95, '2026-12-20T12:00:00Z')",
                    ZONE_SHOP);
            repository.addRecipient(ZONE_SHOP, "ola@zone.example", TranslationProvider.POLISH);
            repository.addRecipient(ZONE_SHOP, "john@zone.example", TranslationProvider.ENGLISH);
            repository.addRecipient(ZONE_SHOP, "mary@zone.example", TranslationProvider.ENGLISH);
        });
        try {
            assertThat(Tenant.allAccounts(() -> mailer.sendPending(smtp()))).isEqualTo(2);
            var received = SMTP.getReceivedMessages();
            assertThat(received).hasSize(3);
            var polish = mailTo(received, "ola@zone.example");
            assertThat(polish.getSubject()).isEqualTo("[Alert] Zone Shop: Spadek wskaźnika dostarczenia: WhatsApp");
            assertThat(text(polish))
                    .contains(
                            "Konto: Zone Shop", "50,0%", "95,0%", "Zgłoszono: 20 gru 2026, 07:00:00 (America/New_York)")
                    .doesNotContain("13:00");
            var english = mailTo(received, "john@zone.example");
            assertThat(english.getAllRecipients())
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("john@zone.example", "mary@zone.example");
            assertThat(english.getSubject()).isEqualTo("[Alert] Zone Shop: Delivery rate dropped: WhatsApp");
            assertThat(text(english))
                    .contains(
                            "Account: Zone Shop",
                            "50.0%",
                            "95.0%",
                            "Raised: Dec 20, 2026, 7:00:00",
                            "(America/New_York)")
                    .doesNotContain("Konto", "13:00");
            assertThat(Tenant.allAccounts(() -> mailer.sendPending(smtp()))).isZero();
        } finally {
            Tenant.runAllAccounts(() -> {
                db.execute("delete from alert where account_id = ?", ZONE_SHOP);
                db.execute("delete from alert_recipient where account_id = ?", ZONE_SHOP);
                db.execute("delete from account where id = ?", ZONE_SHOP);
            });
        }
    }

    /** The decoded text of a plain-text e-mail. */
    private static String text(jakarta.mail.internet.MimeMessage message) throws Exception {
        return (String) message.getContent();
    }

    private static JavaMailSenderImpl smtp() {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.getSmtp().getPort());
        return sender;
    }

    private static jakarta.mail.internet.MimeMessage mailTo(jakarta.mail.internet.MimeMessage[] received, String to)
            throws jakarta.mail.MessagingException {
        for (var message : received) {
            for (var address : message.getRecipients(jakarta.mail.Message.RecipientType.TO)) {
                if (address.toString().equals(to)) {
                    return message;
                }
            }
        }
        throw new AssertionError("No e-mail to " + to);
    }

    @Test
    void eventsWaitingInTheFoldQueueBeyondTheThresholdRaiseAFoldBacklog() {
        // In one rolled-back transaction: the background fold never takes these events.
        Tenant.runAllAccounts(() -> transaction.execute(status -> {
            db.execute(
                    """
                    insert into delivery_event (account_id, provider, provider_message_id, status, occurred_at, received_at)
                    values (?, 'whatsapp', 'TBACKLOG1', 'delivered', ?::timestamptz, ?::timestamptz),
                           (?, 'whatsapp', 'TBACKLOG2', 'delivered', ?::timestamptz, ?::timestamptz)
                    """,
                    FLORA,
                    NOW.minusSeconds(600).toString(),
                    NOW.minusSeconds(600).toString(),
                    SPORT,
                    NOW.minusSeconds(60).toString(),
                    NOW.minusSeconds(60).toString());
            assertThat(repository.round(NOW, properties).claimed()).isTrue();
            // Flora's event has waited 10 minutes (the rule says 5); Sport's one minute.
            assertThat(repository.openAlerts(FLORA))
                    .filteredOn(a -> a.kind() == AlertKind.FOLD_BACKLOG)
                    .hasSize(1);
            assertThat(repository.openAlerts(SPORT)).noneMatch(a -> a.kind() == AlertKind.FOLD_BACKLOG);
            status.setRollbackOnly();
            return null;
        }));
    }

    @Test
    void twoNodesInTheSameMinuteRunOneRound() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = new ArrayList<Callable<AlertRound>>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> rounds.round(NOW.plusSeconds(7)));
            }
            var claimed = 0;
            for (var future : pool.invokeAll(tasks)) {
                claimed += future.get().claimed() ? 1 : 0;
            }
            assertThat(claimed).isEqualTo(1);
            // A later second of the same minute is the same round.
            assertThat(rounds.round(NOW.plusSeconds(50)).claimed()).isFalse();
            assertThat(rounds.round(NOW.plusSeconds(60)).claimed()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private TestMessage message(String channel, int recipients, String sentAt) {
        return messages.create(FLORA, channel, null, recipients, Instant.parse(sentAt), true);
    }

    /** Marks the first {@code count} recipients delivered (as folded reports would). */
    private void deliver(TestMessage message, int count) {
        update(message, count, "delivered_at = sent_at + interval '3 seconds', failed_at = null, error_code = null");
    }

    private void fail(TestMessage message, int count, String code) {
        Tenant.runAllAccounts(() -> db.execute(
                "update message_recipient set failed_at = sent_at + interval '4 seconds', error_code = ?, "
                        + "error_permanent = true where account_id = ? and message_id = ? and delivered_at is null "
                        + "and contact_id in (select contact_id from message_recipient where account_id = ? "
                        + "and message_id = ? and delivered_at is null order by contact_id limit ?)",
                code,
                message.accountId(),
                message.id(),
                message.accountId(),
                message.id(),
                count));
    }

    private void update(TestMessage message, int count, String set) {
        List<Long> contacts = message.contacts().subList(0, count);
        Tenant.runAllAccounts(() -> db.execute(
                "update message_recipient set " + set
                        + " where account_id = ? and message_id = ? and contact_id = any(?)",
                message.accountId(),
                message.id(),
                contacts.toArray(Long[]::new)));
    }

    private static String uncheckedSubject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
