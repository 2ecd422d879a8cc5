package com.mobilemarketing.analytics;

import static com.mobilemarketing.db.Tables.ACCOUNT;
import static com.mobilemarketing.db.Tables.APP_USER;
import static com.mobilemarketing.db.Tables.DELIVERY_EVENT;
import static com.mobilemarketing.db.Tables.MESSAGE;
import static com.mobilemarketing.db.Tables.MESSAGE_RECIPIENT;
import static com.mobilemarketing.db.Tables.SMS_GATEWAY;
import static com.mobilemarketing.db.Tables.SUPPORT_ACCESS_LOG;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;

import com.mobilemarketing.core.db.PostgresText;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.db.enums.MessageState;
import com.mobilemarketing.db.enums.MessageType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The support staff's cross-account queries: finding a message of any account and the access log.
 * These are the deliberate exceptions to tenant isolation, so each one says so with
 * {@link Tenant#allAccounts}; writing the log names the account it writes to.
 */
@Repository
public class SupportRepository {

    public static final int MAX_SEARCH_LENGTH = 200;
    public static final int MAX_RESULTS = 50;

    private final DSLContext db;

    public SupportRepository(DSLContext db) {
        this.db = db;
    }

    public record MessageHit(
            long accountId,
            String accountName,
            long messageId,
            String messageName,
            Channel channel,
            MessageType type,
            MessageState state,
            @Nullable OffsetDateTime sentAt) {}

    public record AccessLogRow(
            OffsetDateTime accessedAt,
            String supportUser,
            long accountId,
            String accountName,
            @Nullable Long messageId,
            String action) {}

    /**
     * A signed delivery report that was not applied because its provider message id belongs to a
     * message sent through another integration of the account: when it came, through which
     * integration (provider {@code sms:<gateway id>}, {@code whatsapp} or {@code viber}; the SMS
     * gateway's name), and the message and channel that id belongs to.
     */
    public record MisroutedReport(
            OffsetDateTime receivedAt,
            long accountId,
            String accountName,
            String provider,
            @Nullable String gatewayName,
            String providerMessageId,
            String status,
            @Nullable Long messageId,
            @Nullable Channel messageChannel) {}

    /**
     * Messages of any account whose id or a recipient's provider message id equals the text, or
     * whose name or account name contains it (case and Polish diacritics ignored); newest first.
     */
    public List<MessageHit> search(String text) {
        var term = PostgresText.searchTerm(text);
        if (term == null) {
            return List.of();
        }
        if (term.length() > MAX_SEARCH_LENGTH) {
            throw new IllegalArgumentException("Search text longer than " + MAX_SEARCH_LENGTH);
        }
        var folded = TextFold.fold(term);
        var byId = term.matches("\\d{1,18}") ? MESSAGE.ID.eq(Long.parseLong(term)) : falseCondition();
        var byProviderId = row(MESSAGE.ACCOUNT_ID, MESSAGE.ID)
                .in(select(MESSAGE_RECIPIENT.ACCOUNT_ID, MESSAGE_RECIPIENT.MESSAGE_ID)
                        .from(MESSAGE_RECIPIENT)
                        .where(MESSAGE_RECIPIENT.PROVIDER_MESSAGE_ID.eq(term)));
        var byName = MESSAGE.NAME_SEARCH.contains(folded);
        var byAccount = function("fold_text", String.class, ACCOUNT.NAME).contains(folded);
        return Tenant.allAccounts(() -> db.select(
                        MESSAGE.ACCOUNT_ID,
                        ACCOUNT.NAME,
                        MESSAGE.ID,
                        MESSAGE.NAME,
                        MESSAGE.CHANNEL,
                        MESSAGE.TYPE,
                        MESSAGE.STATE,
                        MESSAGE.SENT_AT)
                .from(MESSAGE)
                .join(ACCOUNT)
                .on(ACCOUNT.ID.eq(MESSAGE.ACCOUNT_ID))
                .where(byId.or(byProviderId).or(byName).or(byAccount))
                .orderBy(MESSAGE.SENT_AT.desc().nullsLast(), MESSAGE.ACCOUNT_ID, MESSAGE.ID)
                .limit(MAX_RESULTS)
                .fetch(Records.mapping(MessageHit::new)));
    }

    /** The accounts holding a message with this id (ids are unique in practice; the key is per account). */
    public List<Long> accountsOfMessage(long messageId) {
        return Tenant.allAccounts(() -> db.select(MESSAGE.ACCOUNT_ID)
                .from(MESSAGE)
                .where(MESSAGE.ID.eq(messageId))
                .orderBy(MESSAGE.ACCOUNT_ID)
                .fetch(MESSAGE.ACCOUNT_ID));
    }

    public Optional<Long> accountOfMessage(long messageId, @Nullable Long preferredAccount) {
        var accounts = accountsOfMessage(messageId);
        if (preferredAccount != null) {
            return accounts.contains(preferredAccount) ? Optional.of(preferredAccount) : Optional.empty();
        }
        return accounts.stream().findFirst();
    }

    public void logAccess(long supportUserId, long accountId, long messageId, String action, OffsetDateTime at) {
        Tenant.run(
                accountId,
                () -> db.insertInto(SUPPORT_ACCESS_LOG)
                        .set(SUPPORT_ACCESS_LOG.ACCOUNT_ID, accountId)
                        .set(SUPPORT_ACCESS_LOG.SUPPORT_USER_ID, supportUserId)
                        .set(SUPPORT_ACCESS_LOG.MESSAGE_ID, messageId)
                        .set(SUPPORT_ACCESS_LOG.ACTION, action)
                        .set(SUPPORT_ACCESS_LOG.ACCESSED_AT, at)
                        .execute());
    }

    public List<AccessLogRow> recentLog(int limit) {
        return Tenant.allAccounts(() -> db.select(
                        SUPPORT_ACCESS_LOG.ACCESSED_AT,
                        APP_USER.FULL_NAME,
                        SUPPORT_ACCESS_LOG.ACCOUNT_ID,
                        ACCOUNT.NAME,
                        SUPPORT_ACCESS_LOG.MESSAGE_ID,
                        SUPPORT_ACCESS_LOG.ACTION)
                .from(SUPPORT_ACCESS_LOG)
                .join(APP_USER)
                .on(APP_USER.ID.eq(SUPPORT_ACCESS_LOG.SUPPORT_USER_ID))
                .join(ACCOUNT)
                .on(ACCOUNT.ID.eq(SUPPORT_ACCESS_LOG.ACCOUNT_ID))
                .orderBy(
                        SUPPORT_ACCESS_LOG.ACCESSED_AT.desc(),
                        SUPPORT_ACCESS_LOG.ACCOUNT_ID,
                        SUPPORT_ACCESS_LOG.ID.desc())
                .limit(limit)
                .fetch(Records.mapping(AccessLogRow::new)));
    }

    /** The newest misrouted delivery reports of all accounts. */
    public List<MisroutedReport> misroutedReports(int limit) {
        return Tenant.allAccounts(() -> db.select(
                        DELIVERY_EVENT.RECEIVED_AT,
                        DELIVERY_EVENT.ACCOUNT_ID,
                        ACCOUNT.NAME,
                        DELIVERY_EVENT.PROVIDER,
                        SMS_GATEWAY.NAME,
                        DELIVERY_EVENT.PROVIDER_MESSAGE_ID,
                        DELIVERY_EVENT.STATUS,
                        MESSAGE_RECIPIENT.MESSAGE_ID,
                        MESSAGE.CHANNEL)
                .from(DELIVERY_EVENT)
                .join(ACCOUNT)
                .on(ACCOUNT.ID.eq(DELIVERY_EVENT.ACCOUNT_ID))
                .leftJoin(SMS_GATEWAY)
                .on(SMS_GATEWAY
                        .ACCOUNT_ID
                        .eq(DELIVERY_EVENT.ACCOUNT_ID)
                        .and(inline("sms:").concat(SMS_GATEWAY.ID).eq(DELIVERY_EVENT.PROVIDER)))
                .leftJoin(MESSAGE_RECIPIENT)
                .on(MESSAGE_RECIPIENT
                        .ACCOUNT_ID
                        .eq(DELIVERY_EVENT.ACCOUNT_ID)
                        .and(MESSAGE_RECIPIENT.PROVIDER_MESSAGE_ID.eq(DELIVERY_EVENT.PROVIDER_MESSAGE_ID)))
                .leftJoin(MESSAGE)
                .on(MESSAGE.ACCOUNT_ID
                        .eq(MESSAGE_RECIPIENT.ACCOUNT_ID)
                        .and(MESSAGE.ID.eq(MESSAGE_RECIPIENT.MESSAGE_ID)))
                .where(DELIVERY_EVENT.MISROUTED)
                .orderBy(DELIVERY_EVENT.RECEIVED_AT.desc(), DELIVERY_EVENT.ACCOUNT_ID, DELIVERY_EVENT.ID.desc())
                .limit(limit)
                .fetch(Records.mapping(MisroutedReport::new)));
    }
}
