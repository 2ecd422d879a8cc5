package com.mobilemarketing.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.ScratchDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.flywaydb.core.api.MigrationState;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A database that ran the schema's steps one by one (before they became one script) migrates on
 * after its history is aligned; one that stopped before the last squashed step is refused.
 */
class SquashedMigrationsTest extends AbstractDatabaseTest {

    @Autowired
    private HikariDataSource mainPool;

    @Test
    void aDatabaseThatRanTheStepsOneByOneIsAlignedAndValidates() throws Exception {
        try (var scratch = new ScratchDatabase(db, mainPool, "squash_steps")) {
            ranTheSteps(scratch, 178);
            var flyway = scratch.flyway();
            assertThat(flyway.validateWithResult().validationSuccessful).isFalse();

            SquashedMigrations.alignHistory(flyway);

            assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
            assertThat(flyway.info().applied()).noneMatch(step -> step.getState() == MigrationState.MISSING_SUCCESS);
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            // The schema itself is untouched: the tables and their rows are still there.
            assertThat(scratch.db
                            .fetchSingle("select count(*) from phone_country")
                            .get(0, Long.class))
                    .isPositive();
        }
    }

    @Test
    void aFreshDatabaseIsLeftAsItIs() throws Exception {
        try (var scratch = new ScratchDatabase(db, mainPool, "squash_fresh")) {
            var flyway = scratch.flyway();
            var before = history(scratch);

            SquashedMigrations.alignHistory(flyway);

            assertThat(history(scratch)).isEqualTo(before);
            assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        }
    }

    @Test
    void aDatabaseThatStoppedBeforeTheLastSquashedStepIsRefusedAndKeepsItsHistory() throws Exception {
        try (var scratch = new ScratchDatabase(db, mainPool, "squash_old")) {
            ranTheSteps(scratch, 170);
            var before = history(scratch);

            assertThatThrownBy(() -> SquashedMigrations.alignHistory(scratch.flyway()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at version 170")
                    .hasMessageContaining("cannot bring an older schema forward");
            assertThat(history(scratch)).isEqualTo(before);
        }
    }

    /**
     * Rewrites the history as the separate steps left it: versions 1 to {@code last} (a sample of
     * them), the last one under its old name and checksum when it is the squashed version. The
     * migrations after the squash that the scratch database's schema has stay applied after the
     * steps when they reached the squashed version (a database at an older step has none of them).
     */
    private static void ranTheSteps(ScratchDatabase scratch, int last) {
        var admin = historyTable(scratch);
        var later = admin.fetch("select version, description, script, checksum from flyway_schema_history"
                + " where version ~ '^[0-9]+$' and version::int > " + SquashedMigrations.SQUASHED_VERSION
                + " order by installed_rank");
        admin.execute("delete from flyway_schema_history");
        int rank = 0;
        for (int version : new int[] {1, 2, 3, 60, 111, 170, 177, 178}) {
            if (version > last) {
                break;
            }
            admin.execute(
                    "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                            + " installed_by, execution_time, success) values (?, ?, ?, 'SQL', ?, ?, current_user, 1, true)",
                    ++rank,
                    Integer.toString(version),
                    "step " + version,
                    "V" + version + "__step_" + version + ".sql",
                    version * 7919);
        }
        if (last < Integer.parseInt(SquashedMigrations.SQUASHED_VERSION)) {
            return;
        }
        for (var step : later) {
            admin.execute(
                    "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                            + " installed_by, execution_time, success) values (?, ?, ?, 'SQL', ?, ?, current_user, 1, true)",
                    ++rank,
                    step.get(0, String.class),
                    step.get(1, String.class),
                    step.get(2, String.class),
                    step.get(3, Integer.class));
        }
    }

    private static List<String> history(ScratchDatabase scratch) {
        return historyTable(scratch)
                .fetch("select installed_rank || ' ' || coalesce(version, '') || ' ' || type || ' '"
                        + " || coalesce(checksum::text, '') from flyway_schema_history order by installed_rank")
                .getValues(0, String.class);
    }

    /** The scratch database as Flyway sees it: no tenant, straight to its history table. */
    private static DSLContext historyTable(ScratchDatabase scratch) {
        return DSL.using(scratch.flyway().getConfiguration().getDataSource(), SQLDialect.POSTGRES);
    }
}
