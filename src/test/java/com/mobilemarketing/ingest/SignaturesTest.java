package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The HMACs against published vectors, also when one thread's Mac serves many secrets in a row or threads sign at once. */
class SignaturesTest {

    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    /** RFC 4231, test case 2 (HMAC-SHA256, key "Jefe"). */
    private static final String RFC4231_CASE2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    @Test
    void publishedVectors() {
        assertThat(Signatures.viber("Jefe", DATA)).isEqualTo(RFC4231_CASE2);
        assertThat(Signatures.meta("Jefe", DATA)).isEqualTo("sha256=" + RFC4231_CASE2);
    }

    @Test
    void aReusedMacForgetsTheSecretAndDataOfTheCallBefore() {
        var first = Signatures.viber("secret-a", "body".getBytes(StandardCharsets.UTF_8));
        Signatures.viber("secret-b", "other body".getBytes(StandardCharsets.UTF_8));
        assertThat(Signatures.viber("Jefe", DATA)).isEqualTo(RFC4231_CASE2);
        assertThat(Signatures.viber("secret-a", "body".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(first);
    }

    @Test
    void threadsSigningAtOnceGetTheSameResults() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = new ArrayList<Callable<Boolean>>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                tasks.add(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        var body = ("body " + seed + " " + i).getBytes(StandardCharsets.UTF_8);
                        if (!Signatures.viber("Jefe", DATA).equals(RFC4231_CASE2)
                                || Signatures.viber("s" + seed, body)
                                        .equals(Signatures.viber("s" + (seed + 1), body))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (var result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
