package com.mobilemarketing.core.metrics;

/**
 * How an account credits orders to messages, shown next to every revenue figure ("atrybucja: ostatnie
 * kliknięcie, 5 dni"): last click credits the last message clicked within the click window, else the
 * last one read (SMS: delivered) within the view window; last touch credits whichever of both came
 * last. Test messages never get credit; an order gets at most one message.
 */
public record Attribution(Model model, int clickWindowHours, int viewWindowHours) {

    public enum Model {
        LAST_CLICK,
        LAST_TOUCH
    }

    /** Without a saved setting: last click within 5 days, else a read within 24 hours. */
    public static final Attribution DEFAULT = new Attribution(Model.LAST_CLICK, 120, 24);

    public static final int MAX_CLICK_WINDOW_HOURS = 2160;
    public static final int MAX_VIEW_WINDOW_HOURS = 720;

    public Attribution {
        if (clickWindowHours < 1 || clickWindowHours > MAX_CLICK_WINDOW_HOURS) {
            throw new IllegalArgumentException("click window out of range: " + clickWindowHours);
        }
        if (viewWindowHours < 0 || viewWindowHours > MAX_VIEW_WINDOW_HOURS) {
            throw new IllegalArgumentException("view window out of range: " + viewWindowHours);
        }
    }

    /** Translation key of the model's name. */
    public String modelKey() {
        return "metric.attribution.model." + model.name();
    }
}
