package com.mobilemarketing.demo;

import java.util.Locale;

/**
 * How much demo data to make, per account (the first account is the big one). Recipients are a
 * target: message audiences are drawn with realistic skew and scaled to it.
 *
 * @param largestMessage recipients of the biggest bulk campaign of the first account
 */
public record DemoSize(
        String name,
        int contactsFirst,
        int contactsSecond,
        int messagesFirst,
        int messagesSecond,
        long recipientsFirst,
        long recipientsSecond,
        int largestMessage) {

    /** Ready in seconds: the default of {@code spring-boot:run}. ~300 k recipient rows. */
    public static final DemoSize SMALL = new DemoSize("small", 6_000, 3_000, 500, 300, 200_000, 100_000, 6_000);

    /** ~10 M recipient rows, 400 k contacts; the largest message has 200 k recipients. */
    public static final DemoSize MEDIUM =
            new DemoSize("medium", 300_000, 100_000, 3_000, 1_500, 7_000_000, 3_000_000, 200_000);

    /** ~100 M recipient rows, 20 k messages, 5 M contacts, one message with 5 M recipients. */
    public static final DemoSize LARGE =
            new DemoSize("large", 5_000_000, 500_000, 14_000, 6_000, 85_000_000, 15_000_000, 5_000_000);

    /** ~1 M recipient rows. */
    public static final DemoSize BENCH_SMALL = new DemoSize("s", 50_000, 20_000, 1_000, 500, 700_000, 300_000, 50_000);

    public static DemoSize named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "small" -> SMALL;
            case "medium", "m" -> MEDIUM;
            case "large", "l" -> LARGE;
            case "s" -> BENCH_SMALL;
            default -> throw new IllegalArgumentException("Unknown demo size " + name + " (small, medium, large)");
        };
    }

    public long totalRecipients() {
        return recipientsFirst + recipientsSecond;
    }
}
