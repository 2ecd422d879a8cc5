package com.mobilemarketing.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a message or a set of messages, each with its definition: a count of an outcome,
 * or a rate as numerator over denominator; when it is measurable; and its colour in every chart.
 * A new figure (cost, opt-outs, reach) is one more constant here and a field of {@link Figures};
 * screens and exports format it through {@link MetricFormat}. Money figures are in the account's
 * currency ({@link Revenue}).
 */
public enum Metric {
    SENT(Kind.COUNT, Figures::sent, null, m -> true, "#64748b"),
    DELIVERED(Kind.COUNT, Figures::delivered, null, Measurability::delivery, "#0ea5e9"),
    OPENED(Kind.COUNT, Figures::opened, null, Measurability::opens, "#f59e0b"),
    CLICKED(Kind.COUNT, Figures::clicked, null, m -> true, "#e11d48"),
    UNDELIVERED(Kind.COUNT, Figures::undelivered, null, Measurability::delivery, "#7c2d12"),
    /** Delivered of sent. */
    DELIVERY_RATE(Kind.RATE, Figures::delivered, Figures::sent, Measurability::delivery, DELIVERED.color()),
    /**
     * Opened of delivered, where opens are reported: under "All" the base is the delivered
     * WhatsApp and Viber messages only, so SMS never drags the rate down.
     */
    OPEN_RATE(Kind.RATE, Figures::opened, Figures::openBase, m -> m.opens() && m.delivery(), OPENED.color()),
    /** Clicked of delivered (click-through rate). */
    CLICK_RATE(Kind.RATE, Figures::clicked, Figures::delivered, Measurability::delivery, CLICKED.color()),
    /** Undelivered of sent. */
    UNDELIVERED_RATE(Kind.RATE, Figures::undelivered, Figures::sent, Measurability::delivery, UNDELIVERED.color()),
    /** Orders credited to the messages, net of cancelled and refunded ones (one message per order). */
    ORDERS(Kind.COUNT, f -> f.revenue().orders(), null, m -> true, "#16a34a"),
    /** The credited orders' value in the account's currency (orders without a rate left out). */
    REVENUE(Kind.MONEY, f -> f.revenue().revenueMinor(), null, m -> true, "#7c3aed"),
    /** Orders of delivered. */
    CONVERSION_RATE(Kind.RATE, f -> f.revenue().orders(), Figures::delivered, Measurability::delivery, ORDERS.color()),
    /** Revenue per delivered message. */
    REVENUE_PER_RECIPIENT(
            Kind.MONEY, f -> f.revenue().revenueMinor(), Figures::delivered, Measurability::delivery, REVENUE.color()),
    /** Revenue per order with a value in the account's currency. */
    AVERAGE_ORDER_VALUE(
            Kind.MONEY, f -> f.revenue().revenueMinor(), f -> f.revenue().convertedOrders(), m -> true, "#a16207"),
    /** What the messages cost: each recipient's cost fixed from the tariff valid when it was sent. */
    COST(Kind.MONEY, f -> f.cost().micros(), null, m -> true, "#be123c"),
    /** Cost per delivered message. */
    COST_PER_DELIVERED(Kind.MONEY, f -> f.cost().micros(), Figures::delivered, Measurability::delivery, COST.color()),
    /**
     * Cost per read, where reads are reported: under "All" the cost of the WhatsApp and Viber
     * messages over their reads, so SMS cost never counts against reads it cannot report.
     */
    COST_PER_READ(
            Kind.MONEY, f -> f.cost().openMicros(), Figures::opened, m -> m.opens() && m.delivery(), COST.color()),
    /** Cost per clicked recipient. */
    COST_PER_CLICK(Kind.MONEY, f -> f.cost().micros(), Figures::clicked, m -> true, COST.color()),
    /** Cost per credited order. */
    COST_PER_ORDER(Kind.MONEY, f -> f.cost().micros(), f -> f.revenue().orders(), m -> true, COST.color()),
    /** Return on spend (ROAS): revenue over cost, as a percentage. */
    RETURN(Kind.RATE, Metric::revenueMicros, f -> f.cost().micros(), m -> true, "#0f766e"),
    /**
     * Contacts who withdrew their consent on the message's channel, credited to the last message they
     * got on it within the account's opt-out window (72 hours unless set).
     */
    OPT_OUTS(Kind.COUNT, Figures::optOuts, null, m -> true, "#9333ea"),
    /** Opt-outs of delivered. */
    OPT_OUT_RATE(Kind.RATE, Figures::optOuts, Figures::delivered, Measurability::delivery, OPT_OUTS.color()),
    /**
     * Unique recipients: distinct contacts delivered to on at least one channel. Not a sum of
     * counters, so not in {@link Figures}: estimated from the reach sketches and given as
     * {@link MetricValue#estimate}; from counters alone it is unknown.
     */
    UNIQUE_RECIPIENTS(Kind.COUNT, f -> 0, null, m -> false, "#7c3aed");

    /** The figures that need orders: unknown where the figures were read without them. */
    private static final Set<Metric> ORDER_FIGURES = EnumSet.of(
            ORDERS, REVENUE, CONVERSION_RATE, REVENUE_PER_RECIPIENT, AVERAGE_ORDER_VALUE, COST_PER_ORDER, RETURN);

    /** The figures that need costs: unknown where not read or where some recipient had no tariff. */
    private static final Set<Metric> COST_FIGURES =
            EnumSet.of(COST, COST_PER_DELIVERED, COST_PER_READ, COST_PER_CLICK, COST_PER_ORDER, RETURN);

    /** A whole number, a fraction shown as a percentage, or an amount of money in the account's currency. */
    public enum Kind {
        COUNT,
        RATE,
        MONEY
    }

    /** A metric's definition: what it counts or divides, when it is measurable, its chart colour. */
    private record Definition(
            Kind kind,
            ToLongFunction<Figures> numerator,
            @Nullable ToLongFunction<Figures> denominator,
            Predicate<Measurability> measurable,
            String color) {}

    private final Definition definition;

    /**
     * {@code measurable} answered once for each of the four kinds of traffic (delivery and opens
     * reported or not), and the unknown values of each reason: an export asks every row.
     */
    private final boolean[] measurableBy = new boolean[4];

    private final MetricValue[] unknownBy = new MetricValue[MetricValue.Reason.values().length];

    Metric(
            Kind kind,
            ToLongFunction<Figures> numerator,
            @Nullable ToLongFunction<Figures> denominator,
            Predicate<Measurability> measurable,
            String color) {
        this.definition = new Definition(kind, numerator, denominator, measurable, color);
        for (var delivery : new boolean[] {false, true}) {
            for (var opens : new boolean[] {false, true}) {
                measurableBy[index(delivery, opens)] = measurable.test(new Measurability(delivery, opens));
            }
        }
        for (var reason : MetricValue.Reason.values()) {
            unknownBy[reason.ordinal()] = MetricValue.unknown(this, reason);
        }
    }

    private static int index(boolean delivery, boolean opens) {
        return (delivery ? 2 : 0) + (opens ? 1 : 0);
    }

    private MetricValue unknown(MetricValue.Reason reason) {
        return unknownBy[reason.ordinal()];
    }

    public Kind kind() {
        return definition.kind();
    }

    /** The metric's colour in charts; apart from the channel colours, so a line never reads as a channel. */
    public String color() {
        return definition.color();
    }

    /** Whether this figure can be known for traffic that reports {@code measurability}. */
    public boolean measurable(Measurability measurability) {
        return measurableBy[index(measurability.delivery(), measurability.opens())];
    }

    /** The figure of {@code figures}: a count, a rate, or unknown with its reason. */
    public MetricValue of(Figures figures) {
        if (this == UNIQUE_RECIPIENTS) {
            return MetricValue.unknown(this, MetricValue.Reason.NOT_FROM_COUNTERS);
        }
        var reported = figures.measurability();
        if (!measurable(reported)) {
            // Still not measurable with delivery reported: the missing open signal is the reason.
            var opensMissing = !measurableBy[index(true, reported.opens())];
            return unknown(
                    opensMissing ? MetricValue.Reason.OPENS_NOT_REPORTED : MetricValue.Reason.DELIVERY_NOT_REPORTED);
        }
        var currency = figures.revenue().currency();
        if (ORDER_FIGURES.contains(this) && currency == null) {
            return unknown(MetricValue.Reason.NO_ORDERS);
        }
        var cost = figures.cost();
        if (COST_FIGURES.contains(this)) {
            if (!cost.known()) {
                return unknown(cost.currency() == null ? MetricValue.Reason.NO_COSTS : MetricValue.Reason.NO_TARIFF);
            }
            currency = cost.currency();
        }
        var part = definition.numerator().applyAsLong(figures);
        var denominator = definition.denominator();
        if (denominator == null) {
            return kind() == Kind.MONEY
                    ? MetricValue.money(this, shown(amount(part, currency), currency), currency)
                    : MetricValue.count(this, part);
        }
        var whole = denominator.applyAsLong(figures);
        if (whole == 0) {
            return unknown(MetricValue.Reason.NO_BASE);
        }
        if (kind() == Kind.MONEY) {
            var digits = COST_FIGURES.contains(this) ? Cost.digits(currency) : Revenue.minorDigits(currency);
            var amount = amount(part, currency).divide(BigDecimal.valueOf(whole), digits, RoundingMode.HALF_EVEN);
            return MetricValue.money(this, shown(amount, currency), currency);
        }
        return MetricValue.rate(this, (double) part / whole);
    }

    /** A money numerator as an amount: costs are kept in micros, revenue in minor units. */
    private BigDecimal amount(long part, String currency) {
        return COST_FIGURES.contains(this) ? Cost.amount(part) : Revenue.amount(part, currency);
    }

    private BigDecimal shown(BigDecimal amount, String currency) {
        return COST_FIGURES.contains(this) ? Cost.shown(amount, currency) : amount;
    }

    /** Revenue in micros of the account's currency, to be divided by cost. */
    private static long revenueMicros(Figures figures) {
        var revenue = figures.revenue();
        var currency = revenue.currency();
        return currency == null
                ? 0
                : Math.multiplyExact(
                        revenue.revenueMinor(),
                        BigDecimal.ONE
                                .movePointRight(Cost.MICROS_SCALE - Revenue.minorDigits(currency))
                                .longValueExact());
    }

    /** Whether this figure needs the costs of the messages. */
    public boolean needsCosts() {
        return COST_FIGURES.contains(this);
    }

    /** Whether this figure needs the orders credited to messages. */
    public boolean needsOrders() {
        return ORDER_FIGURES.contains(this);
    }
}
