package com.mobilemarketing.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every foreign key's columns lead an index of its table, or the key is listed here with the reason
 * it needs none. When a referenced row is deleted (or its key changes), PostgreSQL checks the key,
 * or carries out its action, with one statement per deleted row by those columns; without such an
 * index each statement reads the referencing rows of the account, and deleting many rows is
 * quadratic (V195 found one: deleting 250 000 messages read the account's consent changes once per
 * message, over ten minutes). A partial index serves only if its predicate is that a key column is
 * not null, which the statement's equality implies. A new key on a table that grows with traffic
 * gets its index, not a line here.
 */
class ForeignKeyIndexTest extends AbstractDatabaseTest {

    private static final String USER = "a user is never deleted: what they made keeps its author";

    /** Keys whose referenced rows are never deleted nor re-keyed by the product, or only one at a time in small tables. */
    private static final Map<String, String> WITHOUT_INDEX = Map.ofEntries(
            Map.entry("app_user.app_user_account_id_fkey", "an account is never deleted"),
            Map.entry("alert_rule_change.alert_rule_change_changed_by_fkey", USER),
            Map.entry("export_job.export_job_owner_id_fkey", USER),
            Map.entry("folder.folder_created_by_fkey", USER),
            Map.entry("gateway_report.gateway_report_imported_by_fkey", USER),
            Map.entry("grid_column_preference.grid_column_preference_user_id_fkey", USER),
            Map.entry("message.message_owner_id_fkey", USER),
            Map.entry("stored_file.stored_file_owner_id_fkey", USER),
            Map.entry("support_access_log.support_access_log_support_user_id_fkey", USER),
            Map.entry("tariff.tariff_created_by_fkey", USER),
            Map.entry("user_preference.user_preference_user_id_fkey", USER),
            Map.entry("message.message_account_id_gateway_id_fkey", "a gateway is never deleted"),
            Map.entry(
                    "click_event.click_event_account_id_message_id_contact_id_fkey",
                    "a recipient goes only with its message, which the product does not delete; "
                            + "click_event_message serves the message's clicks"),
            Map.entry(
                    "export_job.export_job_account_id_folder_id_fkey",
                    "a folder is deleted one at a time and only when empty; an account's jobs are few"),
            Map.entry(
                    "stored_file.stored_file_account_id_export_job_id_fkey",
                    "a job is deleted one at a time by its owner; an account's files are few"));

    @Test
    void everyForeignKeysColumnsLeadAnIndexOfItsTable() {
        var unserved = queryStrings("""
                select c.conrelid::regclass || '.' || c.conname
                from pg_constraint c
                where c.contype = 'f' and c.connamespace = 'public'::regnamespace
                  and not exists (
                      select 1
                      from pg_index i
                      where i.indrelid = c.conrelid
                        and array(select k from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) k order by k)
                            = array(select k from unnest(c.conkey) k order by k)
                        and (i.indpred is null
                             or exists (select 1 from unnest(c.conkey) k
                                        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k
                                        where pg_get_expr(i.indpred, i.indrelid)
                                              = '(' || quote_ident(a.attname) || ' IS NOT NULL)')))
                order by 1
                """);
        assertThat(unserved).containsExactlyInAnyOrderElementsOf(WITHOUT_INDEX.keySet());
    }
}
