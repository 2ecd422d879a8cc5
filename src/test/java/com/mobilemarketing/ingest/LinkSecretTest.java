package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.core.DemoMode;
import org.junit.jupiter.api.Test;

/** Outside the demo the app refuses to sign click links with the built-in development secret. */
class LinkSecretTest {

    @Test
    void theDevelopmentSecretIsRefusedWhenTheDemoIsOff() {
        assertThatThrownBy(() ->
                        new LinkTokens(IngestProperties.DEV_LINK_SECRET, "https://example.com", new DemoMode(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LINK_TOKEN_SECRET");
    }

    @Test
    void theDemoMayUseItAndAnOwnSecretAlwaysWorks() {
        var demo = new LinkTokens(IngestProperties.DEV_LINK_SECRET, "https://example.com", new DemoMode(true));
        var own = new LinkTokens("an-own-secret-of-some-length", "https://example.com", new DemoMode(false));
        var target = new LinkTokens.Target(1, 2, 3, 1);
        assertThat(own.token(target)).isNotEqualTo(demo.token(target));
    }
}
