package com.mobilemarketing.analytics;

import java.util.Locale;

/** The Java twin of the database's fold_text(): lower case, Polish letters without diacritics. */
final class TextFold {

    private static final String FROM = "ĄĆĘŁŃÓŚŹŻąćęłńóśźż";
    private static final String TO = "ACELNOSZZacelnoszz";

    private TextFold() {}

    static String fold(String text) {
        var out = new StringBuilder(text.length());
        for (var c : text.toCharArray()) {
            var i = FROM.indexOf(c);
            out.append(i >= 0 ? TO.charAt(i) : c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
