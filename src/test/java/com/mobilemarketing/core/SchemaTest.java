package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import org.junit.jupiter.api.Test;

/** The schema stays distribution-ready: every key of a tenant table carries account_id. */
class SchemaTest extends AbstractDatabaseTest {

    @Test
    void allMigrationsApplied() {
        var failed = queryLong("select count(*) from flyway_schema_history where not success");
        var applied = queryLong("select count(*) from flyway_schema_history where success");
        assertThat(failed).isZero();
        assertThat(applied).isGreaterThanOrEqualTo(4);
    }

    @Test
    void everyKeyOfATenantTableIncludesAccountId() {
        // Primary, unique and foreign keys (and unique indexes) of tables that have account_id.
        var offending = db.fetch("""
                with tenant as (
                    select c.oid, c.relname, a.attnum
                    from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'account_id'
                    where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and c.relname <> 'app_user'
                )
                select t.relname || '.' || con.conname
                from tenant t join pg_constraint con on con.conrelid = t.oid
                where con.contype in ('p', 'u', 'f')
                  and not (t.attnum = any (con.conkey))
                  and not (con.contype = 'f' and con.confrelid in ('account'::regclass, 'app_user'::regclass))
                union all
                select t.relname || '.' || i.indexrelid::regclass::text
                from tenant t join pg_index i on i.indrelid = t.oid
                where i.indisunique and not (t.attnum = any (i.indkey::int2[]))
                """).getValues(0, String.class);
        assertThat(offending).isEmpty();
    }
}
