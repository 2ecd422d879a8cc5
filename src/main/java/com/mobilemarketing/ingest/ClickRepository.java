package com.mobilemarketing.ingest;

import static com.mobilemarketing.db.Tables.CLICK_EVENT;
import static com.mobilemarketing.db.Tables.MESSAGE_LINK;
import static com.mobilemarketing.db.Tables.MESSAGE_RECIPIENT;

import com.mobilemarketing.ingest.LinkTokens.Target;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Tracked links: where a link goes, and the record of a click. */
@Repository
public class ClickRepository {

    private final DSLContext db;

    public ClickRepository(DSLContext db) {
        this.db = db;
    }

    /** The registered URL of the link, if the recipient really got that message. */
    public Optional<String> findUrl(Target target) {
        return db.select(MESSAGE_LINK.URL)
                .from(MESSAGE_LINK)
                .where(MESSAGE_LINK
                        .ACCOUNT_ID
                        .eq(target.accountId())
                        .and(MESSAGE_LINK.MESSAGE_ID.eq(target.messageId()))
                        .and(MESSAGE_LINK.LINK_NO.eq((short) target.linkNo()))
                        .andExists(DSL.selectOne()
                                .from(MESSAGE_RECIPIENT)
                                .where(MESSAGE_RECIPIENT
                                        .ACCOUNT_ID
                                        .eq(target.accountId())
                                        .and(MESSAGE_RECIPIENT.MESSAGE_ID.eq(target.messageId()))
                                        .and(MESSAGE_RECIPIENT.CONTACT_ID.eq(target.contactId())))))
                .fetchOptional(MESSAGE_LINK.URL);
    }

    /**
     * Appends the click and sets the recipient's first-click time (the counters follow through the
     * message_recipient triggers, so only the first click of a recipient moves them), in one
     * transaction.
     */
    public void recordClick(Target target, Instant at, @Nullable String userAgent) {
        db.transaction(trx -> insertClick(target, at, userAgent));
    }

    private void insertClick(Target target, Instant at, @Nullable String userAgent) {
        var time = at.atOffset(ZoneOffset.UTC);
        db.insertInto(
                        CLICK_EVENT,
                        CLICK_EVENT.ACCOUNT_ID,
                        CLICK_EVENT.MESSAGE_ID,
                        CLICK_EVENT.CONTACT_ID,
                        CLICK_EVENT.LINK_NO,
                        CLICK_EVENT.CLICKED_AT,
                        CLICK_EVENT.USER_AGENT)
                .values(
                        target.accountId(),
                        target.messageId(),
                        target.contactId(),
                        (short) target.linkNo(),
                        time,
                        userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length())))
                .execute();
        db.update(MESSAGE_RECIPIENT)
                .set(MESSAGE_RECIPIENT.CLICKED_AT, time)
                .where(MESSAGE_RECIPIENT
                        .ACCOUNT_ID
                        .eq(target.accountId())
                        .and(MESSAGE_RECIPIENT.MESSAGE_ID.eq(target.messageId()))
                        .and(MESSAGE_RECIPIENT.CONTACT_ID.eq(target.contactId()))
                        .and(MESSAGE_RECIPIENT.CLICKED_AT.isNull().or(MESSAGE_RECIPIENT.CLICKED_AT.gt(time))))
                .execute();
    }
}
