package com.mobilemarketing.core.db;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;

import org.jooq.Record2;
import org.jooq.Table;

/** Table expressions through which several features' repositories read messages. */
public final class MessageTables {

    private MessageTables() {}

    /** A message with its account, its owner and its SMS gateway (none for the other channels). */
    public static Table<?> withAccountOwnerAndGateway() {
        return joined(MESSAGE);
    }

    /** The same for the messages a page of (account_id, id) names, read in the page's join order. */
    public static Table<?> withAccountOwnerAndGateway(Table<? extends Record2<Long, Long>> page) {
        return joined(page.join(MESSAGE)
                .on(MESSAGE.ACCOUNT_ID.eq(page.field(0, Long.class)), MESSAGE.ID.eq(page.field(1, Long.class))));
    }

    private static Table<?> joined(Table<?> messages) {
        return messages.join(ACCOUNT)
                .on(ACCOUNT.ID.eq(MESSAGE.ACCOUNT_ID))
                .join(APP_USER)
                .on(APP_USER.ID.eq(MESSAGE.OWNER_ID))
                .leftJoin(SMS_GATEWAY)
                .on(SMS_GATEWAY.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), SMS_GATEWAY.ID.eq(MESSAGE.GATEWAY_ID));
    }
}
