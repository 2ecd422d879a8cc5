package com.mobilemarketing.core.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Texts of the UI in Polish (default) and English. Each feature keeps its own bundle,
 * {@code i18n/<feature>_pl.properties} and {@code _en}; all are merged here. A missing key shows as
 * {@code !key!} so it is visible, and a test checks that both languages define the same keys.
 */
@Component
public class TranslationProvider implements I18NProvider {

    public static final Locale POLISH = Locale.of("pl", "PL");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> LOCALES = List.of(POLISH, ENGLISH);

    private final Map<String, Map<String, String>> texts;

    public TranslationProvider() {
        this.texts = Map.of("pl", load("pl"), "en", load("en"));
    }

    /** Every key of one language, for the test that both bundles match. */
    public static Map<String, String> load(String language) {
        var merged = new HashMap<String, String>();
        try {
            var resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:i18n/*_" + language + ".properties");
            for (var resource : resources) {
                var properties = new Properties();
                try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                properties.forEach((key, value) -> merged.put((String) key, (String) value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(merged);
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        var bundle = texts.getOrDefault(locale.getLanguage(), texts.get("pl"));
        var text = bundle.get(key);
        if (text == null) {
            return "!" + key + "!";
        }
        return params.length == 0 ? text : new MessageFormat(text, locale).format(params);
    }
}
