package com.mobilemarketing.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 writer for a file that one thread writes row by row. A {@code BufferedWriter}
 * over an {@code OutputStreamWriter} takes a lock on every call and encodes through a second
 * buffer; an export writes a few calls per cell and dozens of cells per row, so that was a good
 * part of its CPU. This one encodes straight into its byte buffer and is not thread-safe. A lone
 * surrogate is written as "?", as the JDK's encoder replaces it.
 */
public final class Utf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buffer;
    private int position;
    /** A high surrogate whose low half has not been written yet. */
    private char pendingHigh;

    /** The digits of a number being written, last digit at the end. */
    private final char[] digits = new char[40];

    public Utf8Writer(OutputStream out, int bufferBytes) {
        this.out = out;
        this.buffer = new byte[Math.max(16, bufferBytes)];
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(String text) throws IOException {
        write(text, 0, text.length());
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        var end = offset + length;
        for (int i = offset; i < end; i++) {
            var c = text.charAt(i);
            if (c < 0x80 && pendingHigh == 0 && position < buffer.length) {
                buffer[position++] = (byte) c;
            } else {
                put(c);
            }
        }
    }

    /** The decimal digits of {@code value} (as {@link Long#toString(long)}), without a String in between. */
    public void writeDecimal(long value) throws IOException {
        writeDecimal(value, 0, '.');
    }

    /**
     * The plain decimal {@code unscaled} × 10<sup>-scale</sup> (as {@link java.math.BigDecimal#toPlainString()}
     * writes it, with {@code point} for the decimal point), without a String in between. {@code scale}
     * is 0 to 18.
     */
    public void writeDecimal(long unscaled, int scale, char point) throws IOException {
        if (scale < 0 || scale > 18) {
            throw new IllegalArgumentException("scale " + scale);
        }
        var at = digits.length;
        // Counted down from a negative value, so Long.MIN_VALUE has its digits too.
        var rest = unscaled < 0 ? unscaled : -unscaled;
        var written = 0;
        do {
            if (written == scale && scale > 0) {
                digits[--at] = point;
            }
            digits[--at] = (char) ('0' - rest % 10);
            rest /= 10;
            written++;
        } while (rest != 0 || written <= scale);
        if (unscaled < 0) {
            digits[--at] = '-';
        }
        write(digits, at, digits.length - at);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        var end = offset + length;
        for (int i = offset; i < end; i++) {
            var c = chars[i];
            if (c < 0x80 && pendingHigh == 0 && position < buffer.length) {
                buffer[position++] = (byte) c;
            } else {
                put(c);
            }
        }
    }

    private void put(char c) throws IOException {
        if (position + 4 > buffer.length) {
            drain();
        }
        if (pendingHigh != 0) {
            var high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                var codePoint = Character.toCodePoint(high, c);
                buffer[position++] = (byte) (0xF0 | (codePoint >> 18));
                buffer[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                buffer[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (codePoint & 0x3F));
                return;
            }
            buffer[position++] = '?';
            put(c);
            return;
        }
        if (c < 0x80) {
            buffer[position++] = (byte) c;
        } else if (c < 0x800) {
            buffer[position++] = (byte) (0xC0 | (c >> 6));
            buffer[position++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buffer[position++] = '?';
        } else {
            buffer[position++] = (byte) (0xE0 | (c >> 12));
            buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buffer[position++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void drain() throws IOException {
        if (position > 0) {
            out.write(buffer, 0, position);
            position = 0;
        }
    }

    /** Writes out the buffer; a high surrogate waits for its low half. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (pendingHigh != 0) {
                pendingHigh = 0;
                put('?');
            }
            drain();
        } finally {
            out.close();
        }
    }
}
