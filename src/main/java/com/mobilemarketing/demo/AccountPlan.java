package com.mobilemarketing.demo;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One demo account as the generator makes it: its size, channels, gateways and users. */
record AccountPlan(
        long id,
        String name,
        int contacts,
        int messages,
        long recipients,
        int largestMessage,
        Map<String, Double> channelShares,
        List<Gateway> gateways,
        List<User> users) {

    record Gateway(long id, String name, String provider, boolean callbacks) {}

    record User(long id, String username, String fullName) {}

    /** The two shops of the demo, for {@code size}; the first is the big one. */
    static List<AccountPlan> plans(DemoSize size) {
        return List.of(
                new AccountPlan(
                        1,
                        "Flora — kwiaciarnia online",
                        size.contactsFirst(),
                        size.messagesFirst(),
                        size.recipientsFirst(),
                        size.largestMessage(),
                        Map.of("SMS", 0.5, "WHATSAPP", 0.3, "VIBER", 0.2),
                        List.of(
                                new Gateway(1, "SMSAPI", "twilio", true),
                                new Gateway(2, "Bramka Ekonomiczna", "twilio", false)),
                        List.of(
                                new User(1, "anna", "Anna Kowalska"),
                                new User(2, "piotr", "Piotr Nowak"),
                                new User(3, "kasia", "Katarzyna Wiśniewska"))),
                new AccountPlan(
                        2,
                        "Sportowy Świat",
                        size.contactsSecond(),
                        size.messagesSecond(),
                        size.recipientsSecond(),
                        Math.min(size.largestMessage(), size.contactsSecond()) / 2,
                        Map.of("SMS", 0.65, "WHATSAPP", 0.35),
                        List.of(
                                new Gateway(3, "SerwerSMS", "twilio", true),
                                new Gateway(4, "Tania Bramka", "twilio", false)),
                        List.of(new User(4, "marek", "Marek Zieliński"), new User(5, "ewa", "Ewa Wójcik"))));
    }

    /** The gateway that reports deliveries (most SMS traffic). */
    long callbackGateway() {
        return gateways.get(0).id();
    }

    /** The gateway without delivery reports. */
    long silentGateway() {
        return gateways.get(1).id();
    }

    /** SQL choosing a message's owner among the account's users from {@code r_owner}. */
    String ownerPick() {
        var ids = users.stream().map(u -> Long.toString(u.id())).collect(Collectors.joining(","));
        return "(array[" + ids + "]::bigint[])[1 + floor(r_owner * " + users.size() + ")::int]";
    }

    /** SQL choosing a message's channel from {@code r_channel} in the account's channel shares. */
    String channelPick() {
        var channelCase = new StringBuilder("case");
        var cumulative = 0.0;
        for (var channel : List.of("SMS", "WHATSAPP", "VIBER")) {
            var share = channelShares.get(channel);
            if (share != null) {
                cumulative += share;
                channelCase
                        .append(" when r_channel < ")
                        .append(cumulative)
                        .append(" then '")
                        .append(channel)
                        .append("'");
            }
        }
        return channelCase.append(" else 'SMS' end::channel").toString();
    }
}
