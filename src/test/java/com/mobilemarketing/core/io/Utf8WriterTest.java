package com.mobilemarketing.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer's bytes are the JDK encoder's, whatever the text and however it is split into calls. */
class Utf8WriterTest {

    @Test
    void writesWhatTheJdkEncoderWrites() throws IOException {
        var random = new Random(21);
        var alphabet = "abc;\",\r\n Łódźąę—€\uD83D\uDE00\uD83D\uDE01\uDE00\uD83D".toCharArray();
        for (int round = 0; round < 200; round++) {
            var text = new StringBuilder();
            for (int i = random.nextInt(300); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(written(text.toString(), random, 16)).isEqualTo(jdk(text.toString()));
            assertThat(written(text.toString(), random, 8192)).isEqualTo(jdk(text.toString()));
        }
    }

    @Test
    void aSurrogatePairSplitAcrossCallsIsOneCharacter() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new Utf8Writer(bytes, 64)) {
            writer.write('\uD83D');
            writer.write("\uDE00x");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\uD83D\uDE00x");
    }

    @Test
    void aNumberIsWrittenAsLongToStringWritesIt() throws IOException {
        var numbers = new long[] {0, 7, -7, 10, 123_456_789, -1_000_000, Long.MAX_VALUE, Long.MIN_VALUE};
        var bytes = new ByteArrayOutputStream();
        var expected = new StringBuilder();
        try (var writer = new Utf8Writer(bytes, 16)) {
            for (var number : numbers) {
                writer.writeDecimal(number);
                writer.write(';');
                expected.append(number).append(';');
            }
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void aDecimalIsWrittenAsBigDecimalsPlainStringWithTheGivenPoint() throws IOException {
        var random = new Random(22);
        var bytes = new ByteArrayOutputStream();
        var expected = new StringBuilder();
        try (var writer = new Utf8Writer(bytes, 16)) {
            for (var unscaled : new long[] {0, 5, -5, 60, -60, 1_234_50, 938, Long.MAX_VALUE, Long.MIN_VALUE}) {
                for (int scale = 0; scale <= 18; scale++) {
                    writer.writeDecimal(unscaled, scale, ',');
                    writer.write(';');
                    expected.append(BigDecimal.valueOf(unscaled, scale)
                                    .toPlainString()
                                    .replace('.', ','))
                            .append(';');
                }
            }
            for (int i = 0; i < 2_000; i++) {
                var unscaled = random.nextLong() >> random.nextInt(64);
                var scale = random.nextInt(19);
                writer.writeDecimal(unscaled, scale, '.');
                writer.write(';');
                expected.append(BigDecimal.valueOf(unscaled, scale).toPlainString())
                        .append(';');
            }
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    /** The text in random pieces through every write method. */
    private static byte[] written(String text, Random random, int bufferBytes) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new Utf8Writer(bytes, bufferBytes)) {
            int i = 0;
            while (i < text.length()) {
                var n = Math.min(text.length() - i, random.nextInt(20));
                switch (random.nextInt(3)) {
                    case 0 -> writer.write(text, i, n);
                    case 1 -> writer.write(text.toCharArray(), i, n);
                    default -> {
                        n = 1;
                        writer.write(text.charAt(i));
                    }
                }
                i += n;
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] jdk(String text) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            writer.write(text);
        }
        return bytes.toByteArray();
    }
}
