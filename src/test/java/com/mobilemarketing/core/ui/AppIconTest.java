package com.mobilemarketing.core.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every icon the app names is a symbol of the sprite it is served from, and the sprite holds no other. */
class AppIconTest {

    @Test
    void everyIconIsASymbolOfTheSprite() throws IOException {
        String sprite;
        try (var in = AppIcon.class.getClassLoader().getResourceAsStream("META-INF/resources/app/icons.svg")) {
            assertThat(in).as("app/icons.svg on the class path").isNotNull();
            sprite = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var symbols = Pattern.compile("<symbol id=\"([a-z-]+)\" viewBox=\"0 0 16 16\">")
                .matcher(sprite)
                .results()
                .map(match -> match.group(1))
                .toList();
        assertThat(symbols)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(AppIcon.values()).map(AppIcon::symbol).toList());
        assertThat(AppIcon.DOWNLOAD_ALT.symbol()).isEqualTo("download-alt");
        // Versioned by content, so the browser may keep it for a year.
        assertThat(AppIcon.sprite()).matches("app/icons\\.svg\\?v-c=[0-9a-f]{12}");
        var icon = AppIcon.SEARCH.create();
        assertThat(icon.getSrc()).isEqualTo(AppIcon.sprite());
        assertThat(icon.getSymbol()).isEqualTo("search");
    }
}
