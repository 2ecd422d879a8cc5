package com.mobilemarketing.core.metrics;

/**
 * Opt-ins gained and lost over a period: consent changes that turned a contact's consent on a
 * channel on ("Nowe zgody") or off ("Utracone zgody"), counted from the consent history by the local
 * day of the change; a repeated opt-in or opt-out changes nothing and counts nothing.
 */
public record OptInFlow(long gained, long lost) {

    public static final OptInFlow NONE = new OptInFlow(0, 0);

    /** Chart colours: gained, lost and net, apart from the channel colours. */
    public static final String GAINED_COLOR = "#16a34a";

    public static final String LOST_COLOR = "#dc2626";
    public static final String NET_COLOR = "#334155";

    /** Gained less lost: how much the audience grew. */
    public long net() {
        return gained - lost;
    }

    public OptInFlow plus(OptInFlow other) {
        return new OptInFlow(gained + other.gained, lost + other.lost);
    }
}
