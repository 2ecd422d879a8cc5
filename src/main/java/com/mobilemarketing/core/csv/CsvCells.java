package com.mobilemarketing.core.csv;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Text cells of the CSV files we hand out (exports, recipient lists): RFC 4180 quoting, and text
 * that a spreadsheet would run as a formula made inert.
 */
public final class CsvCells {

    /** The byte-order mark that makes spreadsheets read the file as UTF-8 (Polish letters intact). */
    public static final char BOM = '\uFEFF';

    public static final String LINE_END = "\r\n";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private CsvCells() {}

    /** One line of text cells joined by {@code separator}, with its line end. */
    public static String line(String separator, java.util.List<String> cells) {
        return String.join(separator, cells.stream().map(CsvCells::text).toList()) + LINE_END;
    }

    /** A text cell ready to write: neutralised, then quoted when needed. */
    public static String text(String value) {
        return quote(neutralise(value));
    }

    /**
     * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return that precedes
     * one) as a formula: "=HYPERLINK(...)" in a message name must stay text. A leading apostrophe
     * is the OWASP-recommended neutraliser and shows the original text.
     */
    public static String neutralise(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    /** Quotes a field that holds a separator, quote, line break or surrounding blanks. */
    public static String quote(String value) {
        var needsQuotes = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf(';') >= 0
                || (!value.isEmpty()
                        && (Character.isWhitespace(value.charAt(0))
                                || Character.isWhitespace(value.charAt(value.length() - 1))));
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /**
     * A time as our files write it, "2026-03-29 02:30:05" ({@link #TIME}); built digit by digit for
     * the years written with four digits, as an export writes a few per row.
     */
    public static String time(LocalDateTime time) {
        var year = time.getYear();
        if (year < 1 || year > 9999) {
            return TIME.format(time);
        }
        var text = new char[19];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
