package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.db.Tenant;
import org.junit.jupiter.api.Test;

/** A query that forgets its account filter still sees only the current account's rows. */
class RowLevelSecurityTest extends AbstractDatabaseTest {

    private long countMessagesWithoutFilter() {
        return queryLong("select count(*) from message");
    }

    @Test
    void aQueryWithoutAccountFilterSeesOnlyTheCurrentAccount() {
        long all = Tenant.allAccounts(this::countMessagesWithoutFilter);
        long flora = Tenant.call(FLORA, this::countMessagesWithoutFilter);
        long sport = Tenant.call(SPORT, this::countMessagesWithoutFilter);
        assertThat(flora).isPositive();
        assertThat(sport).isPositive();
        assertThat(flora + sport).isEqualTo(all);
        assertThat(Tenant.call(FLORA, () -> queryLong("select count(*) from message where account_id = " + SPORT)))
                .isZero();
    }

    @Test
    void withoutAnAccountNothingIsVisible() {
        assertThat(countMessagesWithoutFilter()).isZero();
        assertThat(queryLong("select count(*) from message_recipient")).isZero();
        assertThat(queryLong("select count(*) from contact")).isZero();
    }

    @Test
    void rowsOfAnotherAccountCannotBeWritten() {
        assertThatThrownBy(() -> Tenant.run(
                        FLORA,
                        () -> db.execute(
                                "insert into folder (account_id, name, created_by) values (?, 'intruder', 4)", SPORT)))
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    @Test
    void theAppDoesNotConnectAsASuperuser() {
        assertThat(queryValue(
                        Boolean.class, "select rolsuper or rolbypassrls from pg_roles where rolname = current_user"))
                .isFalse();
    }

    @Test
    void everyTenantTableHasForcedRowLevelSecurity() {
        var unprotected = db.fetch("""
                select c.relname from pg_class c
                join pg_attribute a on a.attrelid = c.oid and a.attname = 'account_id'
                where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
                  and c.relname not in ('app_user')
                  and not (c.relrowsecurity and c.relforcerowsecurity)
                """).getValues(0, String.class);
        assertThat(unprotected).isEmpty();
    }
}
