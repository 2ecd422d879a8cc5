package com.mobilemarketing.ingest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a reply withdraws consent: its whole body, trimmed, is one of the stop keywords, in any
 * case and with or without Polish diacritics ("rezygnuję", "REZYGNUJE" and "Rezygnuje" alike).
 */
final class StopKeywords {

    private static final Set<String> KEYWORDS =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "NIE", "REZYGNUJE");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private StopKeywords() {}

    static boolean isStop(@Nullable String body) {
        if (body == null) {
            return false;
        }
        var trimmed = body.strip();
        if (trimmed.isEmpty() || trimmed.length() > 20) {
            return false;
        }
        return KEYWORDS.contains(fold(trimmed));
    }

    /** Upper case without diacritics; Ł has no decomposition and is mapped by hand. */
    static String fold(String text) {
        var decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed)
                .replaceAll("")
                .replace('ł', 'l')
                .replace('Ł', 'L')
                .toUpperCase(Locale.ROOT);
    }
}
