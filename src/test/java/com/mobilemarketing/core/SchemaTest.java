package com.mobilemarketing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The schema stays distribution-ready: every key of a tenant table carries account_id. */
class SchemaTest extends AbstractDatabaseTest {

    @Test
    void everyMigrationOfTheBuildIsApplied() throws Exception {
        var files = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql");
        var shipped = Arrays.stream(files)
                .map(file -> file.getFilename().substring(1, file.getFilename().indexOf("__")))
                .collect(Collectors.toSet());
        assertThat(shipped).isNotEmpty();
        var applied = queryStrings("select version from flyway_schema_history where success and version is not null");
        assertThat(applied).doesNotHaveDuplicates();
        assertThat(Set.copyOf(applied)).isEqualTo(shipped);
        assertThat(queryLong("select count(*) from flyway_schema_history where not success"))
                .isZero();
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
