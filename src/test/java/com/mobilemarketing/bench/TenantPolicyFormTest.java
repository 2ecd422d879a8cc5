package com.mobilemarketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import org.junit.jupiter.api.Test;

/**
 * Keeps the fix the benchmark measured (V60): every tenant table's policy reads the account
 * setting once per statement (an InitPlan), not once per row it scans.
 */
class TenantPolicyFormTest extends AbstractDatabaseTest {

    @Test
    void everyTenantPolicyEvaluatesTheAccountOncePerStatement() {
        var tables = queryStrings(
                "select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relrowsecurity order by 1");
        assertThat(tables).isNotEmpty();
        var slow = queryStrings("""
                select c.relname from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relrowsecurity
                  and not exists (select 1 from pg_policies p
                                  where p.schemaname = 'public' and p.tablename = c.relname
                                    and p.qual like '%SELECT app_account_id()%'
                                    and p.with_check like '%SELECT app_account_id()%')
                order by 1
                """);
        assertThat(slow)
                .as("tables whose policy calls app_account_id() per row")
                .isEmpty();
    }
}
