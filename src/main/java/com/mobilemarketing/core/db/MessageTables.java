package com.mobilemarketing.core.db;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;

import org.jooq.Table;

/** Table expressions through which several features' repositories read messages. */
public final class MessageTables {

    private MessageTables() {}

    /** A message with its account, its owner and its SMS gateway (none for the other channels). */
    public static Table<?> withAccountOwnerAndGateway() {
        return MESSAGE.join(ACCOUNT)
                .on(ACCOUNT.ID.eq(MESSAGE.ACCOUNT_ID))
                .join(APP_USER)
                .on(APP_USER.ID.eq(MESSAGE.OWNER_ID))
                .leftJoin(SMS_GATEWAY)
                .on(SMS_GATEWAY.ACCOUNT_ID.eq(MESSAGE.ACCOUNT_ID), SMS_GATEWAY.ID.eq(MESSAGE.GATEWAY_ID));
    }
}
