package com.mobilemarketing.cost;

/** A new tariff that cannot be saved: the translation key of why, and its arguments. Nothing was changed. */
public class InvalidTariffException extends RuntimeException {

    private final String key;
    private final transient Object[] arguments;

    public InvalidTariffException(String key, Object... arguments) {
        super(key);
        this.key = key;
        this.arguments = arguments.clone();
    }

    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
