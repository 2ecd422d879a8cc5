package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.core.i18n.TranslationProvider;
import com.mobilemarketing.core.time.RangePreset;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Polish and English define the same keys, every key used in the code exists, and no text would
 * show up broken on screen (a key, an empty label, a placeholder lost in one language).
 */
class TranslationKeysTest {

    private static final Pattern KEY_USE = Pattern.compile(
            "(?:getTranslation|tr|text)\\(\\s*\"([a-z0-9][a-z0-9.\\-_]*[a-z0-9])\"|title = \"([a-z0-9.\\-_]+)\"");
    /** {@code getTranslation("channel." + ...)}: keys built from a prefix. */
    private static final Pattern PREFIX_USE =
            Pattern.compile("getTranslation\\(\\s*\"([a-z0-9][a-z0-9.\\-_]*\\.)\"\\s*\\+");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private final Map<String, String> polish = TranslationProvider.load("pl");
    private final Map<String, String> english = TranslationProvider.load("en");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(new TreeSet<>(polish.keySet())).isEqualTo(new TreeSet<>(english.keySet()));
        assertThat(polish).isNotEmpty();
    }

    @Test
    void everyKeyUsedInTheCodeExists() throws IOException {
        var defined = english.keySet();
        var missing = new TreeSet<String>();
        for (var file : sources()) {
            var source = Files.readString(file);
            var matcher = KEY_USE.matcher(source);
            while (matcher.find()) {
                var key = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                if (key.contains(".") && !defined.contains(key)) {
                    missing.add(key + " (" + file.getFileName() + ")");
                }
            }
            var prefixes = PREFIX_USE.matcher(source);
            while (prefixes.find()) {
                var prefix = prefixes.group(1);
                if (defined.stream().noneMatch(key -> key.startsWith(prefix))) {
                    missing.add(prefix + "* (" + file.getFileName() + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyChannelTypeStateAndRangeHasItsLabel() {
        var keys = new TreeSet<String>();
        Stream.of(Channel.values()).forEach(value -> keys.add("channel." + value.name()));
        Stream.of(MessageType.values()).forEach(value -> keys.add("type." + value.name()));
        Stream.of(MessageState.values()).forEach(value -> keys.add("state." + value.name()));
        Stream.of(RangePreset.values()).forEach(preset -> keys.add(preset.labelKey()));
        assertThat(polish.keySet()).containsAll(keys);
        assertThat(english.keySet()).containsAll(keys);
    }

    @Test
    void noTextIsEmptyOrItsOwnKey() {
        for (var bundle : Map.of("pl", polish, "en", english).entrySet()) {
            var broken = bundle.getValue().entrySet().stream()
                    .filter(e -> e.getValue().isBlank() || e.getValue().equals(e.getKey()))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(broken).as("empty texts in %s", bundle.getKey()).isEmpty();
        }
    }

    @Test
    void placeholdersMatchBetweenLanguages() {
        var mismatched = new TreeSet<String>();
        for (var key : polish.keySet()) {
            if (english.containsKey(key) && !placeholders(polish.get(key)).equals(placeholders(english.get(key)))) {
                mismatched.add(key);
            }
        }
        assertThat(mismatched).isEmpty();
    }

    /** With placeholders the text goes through MessageFormat, where a lone apostrophe swallows text. */
    @Test
    void apostrophesAreDoubledInTextsWithPlaceholders() {
        var broken = new TreeSet<String>();
        for (var bundle : Map.of("pl", polish, "en", english).entrySet()) {
            bundle.getValue().forEach((key, value) -> {
                if (PLACEHOLDER.matcher(value).find() && value.replace("''", "").contains("'")) {
                    broken.add(bundle.getKey() + ": " + key);
                }
            });
        }
        assertThat(broken).isEmpty();
    }

    private static TreeSet<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static java.util.List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
