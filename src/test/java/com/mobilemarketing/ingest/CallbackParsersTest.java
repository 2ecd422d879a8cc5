package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** Body reading and timestamps, without the web layer. */
class CallbackParsersTest {

    private static final Instant NOW = Instant.parse("2026-11-15T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ByteArrayInputStream stream(int bytes) {
        return new ByteArrayInputStream(new byte[bytes]);
    }

    @Test
    void bodiesWithAndWithoutADeclaredLength() throws Exception {
        assertThat(CallbackParsers.readBody(stream(300), 300, 1000)).hasSize(300);
        assertThat(CallbackParsers.readBody(stream(0), 0, 1000)).isEmpty();
        assertThat(CallbackParsers.readBody(stream(1000), -1, 1000)).hasSize(1000);
        // consumed before (a filter parsed the form) or cut short: what is there
        assertThat(CallbackParsers.readBody(stream(0), 300, 1000)).isEmpty();
    }

    @Test
    void tooLargeBodiesAreRefusedWhateverTheyDeclare() {
        for (long declared : new long[] {1001, 5, -1}) {
            assertThatThrownBy(() -> CallbackParsers.readBody(stream(1001), declared, 1000))
                    .isInstanceOfSatisfying(
                            BadCallbackException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        }
    }

    @Test
    void timestampsAsNumbersOrDigitStrings() {
        assertThat(CallbackParsers.timestamp(JSON.readTree("1763200000"), NOW))
                .isEqualTo(Instant.ofEpochSecond(1_763_200_000L));
        assertThat(CallbackParsers.timestamp(JSON.readTree("\"1763200000123\""), NOW))
                .isEqualTo(Instant.ofEpochMilli(1_763_200_000_123L));
        assertThat(CallbackParsers.timestamp(null, NOW)).isEqualTo(NOW);
        for (var bad : new String[] {
            "\"\"", "\"12a\"", "\"-5\"", "\" 1763200000\"", "\"12345678901234567\"", "1.5", "\"946684799\""
        }) {
            assertThatThrownBy(() -> CallbackParsers.timestamp(JSON.readTree(bad), NOW))
                    .as(bad)
                    .isInstanceOf(BadCallbackException.class);
        }
    }
}
