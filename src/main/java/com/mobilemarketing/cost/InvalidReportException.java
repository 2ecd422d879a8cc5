package com.mobilemarketing.cost;

/**
 * A gateway report that cannot be imported: the HTTP status the endpoint answers, the translation
 * key of why and its arguments (a line number, a column, a value). Nothing of the file was stored.
 */
public class InvalidReportException extends RuntimeException {

    private final int status;
    private final String key;
    private final transient Object[] arguments;

    public InvalidReportException(int status, String key, Object... arguments) {
        super(key);
        this.status = status;
        this.key = key;
        this.arguments = arguments.clone();
    }

    /** A file that is not a report we can read: 400. */
    public static InvalidReportException badFile(String key, Object... arguments) {
        return new InvalidReportException(400, key, arguments);
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
