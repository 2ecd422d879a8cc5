package com.mobilemarketing.cost;

import static com.mobilemarketing.cost.ReconciliationFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.ingest.Signatures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The report endpoint: signed with the gateway's secret like the other callbacks, a clear 4xx with
 * the reason for anything unsigned, unreadable or unknown, and nothing stored then; the same file
 * again is answered as already imported.
 */
class GatewayReportControllerTest extends AbstractDatabaseTest {

    private static final String URL = "/callbacks/reports/sms/1/1";
    private static final String SECRET = "demo-secret-sms-1";

    @Autowired
    private WebApplicationContext context;

    private MockMvc mvc;
    private ReconciliationFixture fixture;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        fixture = new ReconciliationFixture(db);
    }

    @AfterEach
    void removeTheDay() {
        fixture.remove();
        // Reports through the endpoint are named "endpoint": only this test sends to Flora's gateway.
        asAllAccounts(() -> {
            db.execute("delete from gateway_report_row where account_id = 1 and report_id in "
                    + "(select id from gateway_report where account_id = 1 and file_name = 'endpoint')");
            return db.execute("delete from gateway_report where account_id = 1 and file_name = 'endpoint'");
        });
    }

    private long storedRows() {
        return asAllAccounts(() ->
                queryLong("select count(*) from gateway_report_row where account_id = ? and day = ?", FLORA, DAY));
    }

    @Test
    void aSignedReportIsImportedAndTheSameFileAgainChangesNothing() throws Exception {
        var body = fixture.report();
        mvc.perform(post(URL)
                        .contentType("text/csv")
                        .content(body)
                        .header("X-Signature-256", Signatures.meta(SECRET, body)))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        "{\"rows\":7,\"skipped\":1,\"added\":6,\"changed\":0,\"unchanged\":0,\"alreadyImported\":false}"));
        assertThat(storedRows()).isEqualTo(6);
        mvc.perform(post(URL)
                        .contentType("text/csv")
                        .content(body)
                        .header("X-Signature-256", Signatures.meta(SECRET, body)))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"added\":0,\"changed\":0,\"alreadyImported\":true}"));
        assertThat(storedRows()).isEqualTo(6);
    }

    @Test
    void unsignedForgedBadOrUnknownRequestsAreRefusedWithAReasonAndStoreNothing() throws Exception {
        var body = fixture.report();
        mvc.perform(post(URL).contentType("text/csv").content(body))
                .andExpect(status().isForbidden())
                .andExpect(content().string("missing or invalid signature\n"));
        mvc.perform(post(URL)
                        .contentType("text/csv")
                        .content(body)
                        .header("X-Signature-256", Signatures.meta("another-secret", body)))
                .andExpect(status().isForbidden())
                .andExpect(content().string("missing or invalid signature\n"));
        var noColumns = "Sid,Status\r\nSM1,delivered\r\n".getBytes(StandardCharsets.UTF_8);
        mvc.perform(post(URL)
                        .contentType("text/csv")
                        .content(noColumns)
                        .header("X-Signature-256", Signatures.meta(SECRET, noColumns)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("columns missing: SentDate/DateSent, NumSegments, Price\n"));
        // A file refused before its end tells its reason only to a sender who signed it.
        mvc.perform(post(URL)
                        .contentType("text/csv")
                        .content(noColumns)
                        .header("X-Signature-256", Signatures.meta("another-secret", noColumns)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/callbacks/reports/sms/1/999")
                        .contentType("text/csv")
                        .content(body)
                        .header("X-Signature-256", Signatures.meta(SECRET, body)))
                .andExpect(status().isNotFound())
                .andExpect(content().string("unknown gateway\n"));
        mvc.perform(get(URL)).andExpect(status().isMethodNotAllowed());
        assertThat(storedRows()).isZero();
    }
}
