package com.mobilemarketing.core.db;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schema up to version {@value #SQUASHED_VERSION} is one script ({@code V178__schema.sql}), not
 * the 41 steps that built it. A database that ran those steps has that schema already, but its
 * history still lists them: before migrating, the history is aligned with the one script (Flyway's
 * repair: the steps marked deleted, version 178 given the script's checksum), and the app migrates
 * on from there. A database that stopped before version 178 cannot be brought forward by the one
 * script; the app then refuses to start and says why.
 *
 * <p>After migrating, the fold's queue is checked against this cluster's transaction ids
 * ({@link FoldQueue#rebaseAfterACopy}), before anything is served.
 */
@Configuration(proxyBeanMethods = false)
public class SquashedMigrations {

    static final String SQUASHED_VERSION = "178";
    private static final MigrationVersion SQUASHED = MigrationVersion.fromVersion(SQUASHED_VERSION);

    @Bean
    FlywayMigrationStrategy migrateAfterAligningTheSquashedSteps() {
        return flyway -> {
            alignHistory(flyway);
            flyway.migrate();
            FoldQueue.rebaseAfterACopy(flyway.getConfiguration().getDataSource());
        };
    }

    /** Repairs the history of a database that ran the squashed steps one by one; nothing otherwise. */
    public static void alignHistory(Flyway flyway) {
        var applied = flyway.info().applied();
        boolean ranTheSteps = Arrays.stream(applied)
                .anyMatch(step -> olderThanTheSquash(step) && step.getState() == MigrationState.MISSING_SUCCESS);
        if (!ranTheSteps) {
            return;
        }
        boolean reachedTheSquash = Arrays.stream(applied)
                .anyMatch(step -> step.getVersion() != null
                        && !olderThanTheSquash(step)
                        && step.getState().isApplied()
                        && !step.getState().isFailed());
        if (!reachedTheSquash) {
            var current = flyway.info().current();
            throw new IllegalStateException(("The database's schema is at version %s. This release creates the"
                            + " schema up to version %s in one script and cannot bring an older schema forward:"
                            + " migrate it first with a release that has the separate steps (up to commit"
                            + " c650a80), or start from an empty database.")
                    .formatted(current == null ? "?" : current.getVersion(), SQUASHED_VERSION));
        }
        flyway.repair();
    }

    private static boolean olderThanTheSquash(MigrationInfo step) {
        return step.getVersion() != null && step.getVersion().compareTo(SQUASHED) < 0;
    }
}
