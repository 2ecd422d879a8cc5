package com.mobilemarketing.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo traffic's SQL: the integrations it simulates and a new message "now" with recipients (rolled back). */
class DemoTrafficRepositoryTest extends AbstractDatabaseTest {

    @Autowired
    private DemoTrafficRepository repository;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void createsASmallMessageNowWithProviderIds() {
        var channels = Tenant.allAccounts(repository::channels);
        // Flora: SMS gateway 1, WhatsApp, Viber; Sportowy Świat: SMS gateway 3, WhatsApp.
        assertThat(channels)
                .extracting(c -> c.accountId() + ":" + c.channel() + ":" + c.gatewayId())
                .containsExactly("1:SMS:1", "1:VIBER:null", "1:WHATSAPP:null", "2:SMS:3", "2:WHATSAPP:null");
        // The tenant first: the transaction takes its connection (and account) when it begins.
        Tenant.run(
                FLORA,
                () -> transaction.executeWithoutResult(status -> {
                    var whatsapp = channels.stream()
                            .filter(c -> c.accountId() == FLORA && c.channel().equals("WHATSAPP"))
                            .findFirst()
                            .orElseThrow();
                    long id = repository.createMessage(whatsapp, 10, clock.instant());
                    var recipients = repository.recipients(FLORA, id);
                    assertThat(recipients)
                            .hasSize(10)
                            .allSatisfy(r -> assertThat(r.providerMessageId()).startsWith("wamid."));
                    assertThat(queryLong("select sent from message_stats where account_id = 1 and message_id = ?", id))
                            .isEqualTo(10);
                    status.setRollbackOnly();
                }));
    }
}
