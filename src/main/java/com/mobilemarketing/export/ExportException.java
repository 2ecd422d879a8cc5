package com.mobilemarketing.export;

/** A request the export feature refuses; {@link #key()} is the translation key of the reason. */
public class ExportException extends RuntimeException {

    private final String key;

    public ExportException(String key) {
        super(key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
