package com.mobilemarketing.core.sms;

import java.text.Normalizer;

/**
 * How many parts an SMS body is billed as, counted as gateways count them (3GPP TS 23.038).
 *
 * <ul>
 *   <li>GSM-7 when every character is in the GSM 7-bit default alphabet or its extension table: 160
 *       septets in one part, 153 per part when split; an extension character ({@code € [ ] { } ~ ^ \
 *       |} and form feed) takes two septets and is never split across parts.
 *   <li>UCS-2 as soon as one character is outside it (Polish diacritics, emoji, typographic quotes): 70
 *       UTF-16 units in one part, 67 per part when split; a surrogate pair (an emoji) is never split.
 * </ul>
 *
 * An empty body is one part, as a gateway sends it.
 */
public record SmsParts(Encoding encoding, int length, int parts) {

    public enum Encoding {
        GSM_7,
        UCS_2
    }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    /** Counts the parts of {@code body}. */
    public static SmsParts of(String body) {
        var text = body == null ? "" : body;
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    /**
     * The parts the body would need with its Polish letters written without diacritics ("ą" as "a",
     * "ł" as "l") and typographic quotes, dashes and ellipses as plain ones — the usual way to save
     * parts; the same as {@link #of} when nothing would change.
     */
    public static SmsParts withoutDiacritics(String body) {
        return of(plain(body == null ? "" : body));
    }

    static String plain(String text) {
        var replaced = text.replace('ł', 'l')
                .replace('Ł', 'L')
                .replace('„', '"')
                .replace('”', '"')
                .replace('“', '"')
                .replace('‘', '\'')
                .replace('’', '\'')
                .replace('–', '-')
                .replace('—', '-')
                .replace("…", "...");
        // ą, ć, ę, ń, ó, ś, ź, ż: the letter and a combining mark after decomposition; keep the letter.
        return Normalizer.normalize(replaced, Normalizer.Form.NFD).replaceAll("[\\u0300-\\u036f]", "");
    }

    private static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static SmsParts gsm7(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += width(text, i, Encoding.GSM_7);
        }
        return new SmsParts(Encoding.GSM_7, septets, parts(text, septets, Encoding.GSM_7, 160, 153));
    }

    private static SmsParts ucs2(String text) {
        return new SmsParts(Encoding.UCS_2, text.length(), parts(text, text.length(), Encoding.UCS_2, 70, 67));
    }

    /** One part when it fits whole; otherwise parts filled greedily, never splitting a character. */
    private static int parts(String text, int units, Encoding encoding, int single, int perPart) {
        if (units <= single) {
            return 1;
        }
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int width = width(text, i, encoding);
            if (used + width > perPart) {
                parts++;
                used = 0;
            }
            used += width;
            i += encoding == Encoding.UCS_2 && Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
        }
        return parts;
    }

    /** Units taken by the character at {@code i}: septets in GSM-7, UTF-16 units in UCS-2. */
    private static int width(String text, int i, Encoding encoding) {
        char c = text.charAt(i);
        if (encoding == Encoding.GSM_7) {
            return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
        }
        return Character.isHighSurrogate(c) && i + 1 < text.length() ? 2 : 1;
    }
}
