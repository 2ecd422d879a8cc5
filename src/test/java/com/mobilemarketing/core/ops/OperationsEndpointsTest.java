package com.mobilemarketing.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.security.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The probes and the management endpoints as an orchestrator, a scraper and a user see them, on
 * the app's database: who may see what, readiness following the app's readiness state, the health
 * parts and the app's meters in the Prometheus scrape.
 */
class OperationsEndpointsTest extends AbstractDatabaseTest {

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private ApplicationContext events;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private UserRepository users;

    @Autowired
    private PasswordEncoder passwordEncoder;

    private MockMvc mvc;

    /** Users of this test with a password of their own: with the demo off the demo password is refused. */
    private static final String SUPPORT = "ops-support";

    private static final String MARKETER = "ops-marketer";
    private static final String PASSWORD = "an-operations-test-password";

    @BeforeEach
    void usersWithOwnPasswords() {
        var hash = passwordEncoder.encode(PASSWORD);
        db.execute(
                "insert into app_user (id, account_id, username, password_hash, full_name, role, locale) values"
                        + " (9101, null, ?, ?, 'Ops Support', 'SUPPORT', 'en'),"
                        + " (9102, ?, ?, ?, 'Ops Marketer', 'MARKETER', 'en') on conflict (id) do nothing",
                SUPPORT,
                hash,
                FLORA,
                MARKETER,
                hash);
    }

    @BeforeEach
    void setUpMockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(RequestIdFilter.class), context.getBean(StaticResourceCaching.class))
                .apply(springSecurity())
                .build();
    }

    @AfterEach
    void ready() {
        AvailabilityChangeEvent.publish(events, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void probesArePublicAndTellTheStatusOnly() throws Exception {
        mvc.perform(get("/actuator/health/liveness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist())
                .andExpect(jsonPath("$.details").doesNotExist());
    }

    @Test
    void readinessIsDownWhileTheAppRefusesTrafficAndUpAgainAfter() throws Exception {
        AvailabilityChangeEvent.publish(events, ReadinessState.REFUSING_TRAFFIC);
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("OUT_OF_SERVICE"));
        // Alive all the same: an orchestrator must not restart an app that is preparing its data.
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());

        AvailabilityChangeEvent.publish(events, ReadinessState.ACCEPTING_TRAFFIC);
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void readinessCoversTheAppStateAndTheDatabase() throws Exception {
        mvc.perform(get("/actuator/health/readiness").with(httpBasic(SUPPORT, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.components.dataSource.details.database")
                        .value("PostgreSQL"))
                // Nothing else decides readiness: a lagging fold or export queue does not stop traffic.
                .andExpect(jsonPath("$.components.ingest").doesNotExist())
                .andExpect(jsonPath("$.components.export").doesNotExist());
    }

    @Test
    void supportSeesTheHealthPartsWithTheirDetails() throws Exception {
        mvc.perform(get("/actuator/health").with(httpBasic(SUPPORT, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.ingest.status").value("UP"))
                .andExpect(jsonPath("$.components.ingest.details.waitingEvents").isNumber())
                .andExpect(jsonPath("$.components.ingest.details.orphanEvents").isNumber())
                .andExpect(
                        jsonPath("$.components.ingest.details.foldLagSeconds").isNumber())
                .andExpect(jsonPath("$.components.export.status").value("UP"))
                .andExpect(jsonPath("$.components.export.details.queued").isNumber())
                .andExpect(jsonPath("$.components.export.details.running").isNumber())
                .andExpect(jsonPath("$.components.export.details.oldestQueuedSeconds")
                        .isNumber());
    }

    @Test
    void aMarketerGetsNoDetailsAndNoMetrics() throws Exception {
        mvc.perform(get("/actuator/health").with(httpBasic(MARKETER, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/prometheus").with(httpBasic(MARKETER, PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void metricsNeedTheSupportRole() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(httpBasic("support", "wrong")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").with(httpBasic(SUPPORT, PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void theScrapeHasTheAppsMeters() throws Exception {
        // A repository call, so its timer has a sample.
        users.findByUsername("anna");
        var scrape = mvc.perform(get("/actuator/prometheus").with(httpBasic(SUPPORT, PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(scrape)
                .contains("app_repository_calls_seconds_count{")
                .contains("operation=\"findByUsername\"")
                .contains("repository=\"UserRepository\"")
                .contains("app_ingest_backlog{")
                .contains("app_ingest_fold_lag_seconds{")
                .contains("app_ingest_events_total{")
                .contains("app_export_jobs{")
                .contains("state=\"queued\"")
                .contains("app_export_rows_total{")
                .contains("app_live_deliveries_total{")
                .contains("app_live_subscribers{")
                .contains("app_vaadin_sessions{")
                // "created" is a reserved suffix in Prometheus: a counter named so clashed with the gauge.
                .contains("app_vaadin_sessions_started_total{")
                .contains("hikaricp_connections_active{")
                .contains("application=\"mobile-marketing-dashboard\"");
    }

    @Test
    void aRepositoryCallIsTimedOncePerCall() {
        var timer = registry.find(RepositoryTimings.METER)
                .tag("repository", "UserRepository")
                .tag("operation", "findByUsername")
                .timer();
        long before = timer == null ? 0 : timer.count();
        users.findByUsername("anna");
        users.findByUsername("nobody");
        var after = registry.get(RepositoryTimings.METER)
                .tag("repository", "UserRepository")
                .tag("operation", "findByUsername")
                .timer();
        assertThat(after.count()).isEqualTo(before + 2);
    }

    @Test
    void everyRequestCarriesARequestId() throws Exception {
        mvc.perform(get("/actuator/health/liveness"))
                .andExpect(
                        header().string(RequestIdFilter.HEADER, org.hamcrest.Matchers.matchesPattern("[0-9a-f]{16}")));
        mvc.perform(get("/actuator/health/liveness").header(RequestIdFilter.HEADER, "lb-42.abc"))
                .andExpect(header().string(RequestIdFilter.HEADER, "lb-42.abc"));
        // Not a token: could forge log lines, so a new id is given.
        mvc.perform(get("/actuator/health/liveness").header(RequestIdFilter.HEADER, "x y<script>"))
                .andExpect(
                        header().string(RequestIdFilter.HEADER, org.hamcrest.Matchers.matchesPattern("[0-9a-f]{16}")));
    }

    @Test
    void theRequestTimingLogGivesTimeAndCpuTimeOnlyAtDebugLevel() throws Exception {
        var logger = (Logger) LoggerFactory.getLogger("request-timing");
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        var level = logger.getLevel();
        try {
            mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
            assertThat(appender.list).isEmpty();
            logger.setLevel(Level.DEBUG);
            mvc.perform(get("/actuator/health/liveness").queryParam("v-r", "uidl"))
                    .andExpect(status().isOk());
            assertThat(appender.list)
                    .singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .asString()
                    .matches(
                            "GET /actuator/health/liveness \\(uidl\\) answered in \\d+\\.\\d ms \\(CPU \\d+\\.\\d ms\\)");
        } finally {
            logger.setLevel(level);
            logger.detachAppender(appender);
        }
    }
}
