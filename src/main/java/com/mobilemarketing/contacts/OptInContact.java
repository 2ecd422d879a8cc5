package com.mobilemarketing.contacts;

import com.mobilemarketing.db.enums.Channel;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A contact of an opt-in list with every channel it is opted in on and since when. */
public record OptInContact(
        long id,
        String firstName,
        String lastName,
        String phone,
        @Nullable String email,
        List<Consent> consents) {

    public record Consent(Channel channel, OffsetDateTime since) {}

    public String fullName() {
        return firstName + " " + lastName;
    }
}
