package com.mobilemarketing.export;

import static com.mobilemarketing.db.Tables.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.coalesce;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.MessageType;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.Condition;
import org.junit.jupiter.api.Test;

/**
 * An export's count of its range is read from the {@code message_range} index in the app's role, under
 * row-level security, without the table: the plan is asked with sequential scans priced out, so what
 * the test sees is what the index can serve, whatever the size of the test data.
 */
class MessageExportRangeTest extends AbstractDatabaseTest {

    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theCountOfARangeIsAnIndexOnlyScanWithTheRangeAsItsCondition() {
        var plan = planOfCount(MessageExportRepository.messagesOf(FLORA, MessageType.BULK, FROM, TO));
        assertThat(plan).contains("Index Only Scan using message_range");
        assertThat(plan).containsPattern("Index Cond: .*list_time >=.*list_time <");
    }

    /** The same range through the list's expression: the policy keeps it out of the index condition. */
    @Test
    void theListExpressionCannotServeTheRangeUnderRowLevelSecurity() {
        var time = coalesce(MESSAGE.SENT_AT, MESSAGE.SCHEDULED_AT);
        var plan = planOfCount(MESSAGE.ACCOUNT_ID
                .eq(FLORA)
                .and(MESSAGE.TYPE.eq(MessageType.BULK))
                .and(time.ge(FROM.atOffset(ZoneOffset.UTC)))
                .and(time.lt(TO.atOffset(ZoneOffset.UTC))));
        assertThat(plan).doesNotContainPattern("Index Cond: .*COALESCE");
    }

    @Test
    void theStoredListTimeIsTheSentTimeOrElseTheScheduledOne() {
        assertThat(
                        asAllAccounts(
                                () -> queryLong(
                                        "select count(*) from message where list_time is distinct from coalesce(sent_at, scheduled_at)")))
                .isZero();
        assertThat(asAllAccounts(() -> queryLong("select count(*) from message where sent_at is null")))
                .isPositive();
    }

    private String planOfCount(Condition condition) {
        return Tenant.call(
                FLORA,
                () -> db.transactionResult(trx -> {
                    trx.dsl().execute("set local enable_seqscan = off");
                    trx.dsl().execute("set local enable_bitmapscan = off");
                    return trx.dsl()
                            .explain(trx.dsl().selectCount().from(MESSAGE).where(condition))
                            .plan();
                }));
    }
}
