package com.mobilemarketing.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.AbstractDatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Versioned static files are cached for a year, unversioned ones revalidated, pages and UIDL never cached. */
class StaticResourceCachingTest extends AbstractDatabaseTest {

    @Autowired
    private WebApplicationContext context;

    @Test
    void policies() {
        assertThat(StaticResourceCaching.policy("GET", "/webjars/echarts/5.3.1/dist/echarts.min.js", null))
                .isEqualTo(StaticResourceCaching.IMMUTABLE);
        assertThat(StaticResourceCaching.policy("GET", "/VAADIN/build/indexhtml-BNp73Egs.js", null))
                .isEqualTo(StaticResourceCaching.IMMUTABLE);
        // Vite's hashes are base64url: they may hold '-' and '_'.
        assertThat(StaticResourceCaching.policy("GET", "/VAADIN/build/generated-flow-imports-t4nGUjc-.js", null))
                .isEqualTo(StaticResourceCaching.IMMUTABLE);
        assertThat(StaticResourceCaching.policy("GET", "/VAADIN/build/FlowBootstrap-BT_qIF6A.js", null))
                .isEqualTo(StaticResourceCaching.IMMUTABLE);
        assertThat(StaticResourceCaching.policy("GET", "/app/styles.css", "v-c=c2f54393"))
                .isEqualTo(StaticResourceCaching.IMMUTABLE);
        assertThat(StaticResourceCaching.policy("GET", "/app/styles.css", null))
                .isEqualTo(StaticResourceCaching.REVALIDATE);
        // Pages, UIDL and the rest are left to their handlers (and Spring Security's no-store).
        assertThat(StaticResourceCaching.policy("GET", "/mobile-marketing/dashboard", null))
                .isNull();
        assertThat(StaticResourceCaching.policy("POST", "/", "v-r=uidl&v-uiId=0"))
                .isNull();
        assertThat(StaticResourceCaching.policy("GET", "/VAADIN/build/stats.json", null))
                .isNull();
    }

    @Test
    void theChartScriptIsLinkedWithItsContentHash() {
        assertThat(VersionedResources.path("app/echart-connector.js"))
                .matches("app/echart-connector\\.js\\?v-c=[0-9a-f]{12}");
        assertThat(VersionedResources.path("app/no-such-file.js")).isEqualTo("app/no-such-file.js");
        assertThat(StaticResourceCaching.policy(
                        "GET",
                        "/" + VersionedResources.path("app/echart-connector.js").replaceFirst("\\?.*", ""),
                        VersionedResources.path("app/echart-connector.js").replaceFirst(".*\\?", "")))
                .isEqualTo(StaticResourceCaching.IMMUTABLE);
    }

    @Test
    void theWebjarIsCachedForAYearDespiteSpringSecuritysDefaults() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(RequestIdFilter.class), context.getBean(StaticResourceCaching.class))
                .apply(springSecurity())
                .build();
        mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", StaticResourceCaching.IMMUTABLE))
                .andExpect(header().doesNotExist("Pragma"))
                .andExpect(header().doesNotExist("Expires"));
    }

    @Test
    void managementAnswersAreNeverCached() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(RequestIdFilter.class), context.getBean(StaticResourceCaching.class))
                .apply(springSecurity())
                .build();
        var answer = mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse();
        assertThat(answer.getHeader("Cache-Control")).contains("no-store");
    }
}
