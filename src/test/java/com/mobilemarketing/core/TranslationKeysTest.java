package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.i18n.TranslationProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Polish and English define the same keys, and every literal key used in the code exists. */
class TranslationKeysTest {

    private static final Pattern KEY_USE =
            Pattern.compile("(?:getTranslation|tr|text)\\(\\s*\"([a-z0-9][a-z0-9.\\-_]*[a-z0-9])\"|title = \"([a-z0-9.\\-_]+)\"");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        var polish = TranslationProvider.load("pl").keySet();
        var english = TranslationProvider.load("en").keySet();
        assertThat(new TreeSet<>(polish)).isEqualTo(new TreeSet<>(english));
        assertThat(polish).isNotEmpty();
    }

    @Test
    void everyKeyUsedInTheCodeExists() throws IOException {
        var defined = TranslationProvider.load("en").keySet();
        var missing = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var matcher = KEY_USE.matcher(Files.readString(file));
                while (matcher.find()) {
                    var key = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    if (key.contains(".") && !defined.contains(key)) {
                        missing.add(key + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
