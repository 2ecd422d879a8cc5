package com.mobilemarketing.core.db;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;

/**
 * Long write transactions that write no delivery events, which the fold may pass while they run. The
 * fold takes the events of transactions older than the oldest one still running (V200), so any
 * write transaction holds back the fold of the events committed after it began. A gateway report's
 * import holds one for as long as the file takes to arrive and merge, a new attribution setting
 * while it re-attributes every order of the account (minutes at the largest accounts), a round of
 * the reach sketches while it rebuilds its days. Registered here (its id in {@code fold_exempt},
 * committed on a connection of its own), such a transaction no longer counts (V201).
 *
 * <p>A registered transaction must not write {@code delivery_event}: the fold could pass an event
 * of it before it commits. A registration left behind by a killed node is harmless (the id no
 * longer runs) and is removed by the next one.
 */
@Repository
public class FoldExemptions {

    /** Removes the registration. */
    public interface Exemption extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers nothing: for the demo data, which is written before any callback comes. */
    public static final FoldExemptions NONE = new FoldExemptions(null);

    private static final Logger log = LoggerFactory.getLogger(FoldExemptions.class);

    private final @Nullable DataSource dataSource;

    @Autowired
    public FoldExemptions(@Nullable DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Registers the transaction that {@code transaction} runs in (it gets its id now, if it had none)
     * until the returned exemption is closed, which should be its last step.
     */
    public Exemption exempt(DSLContext transaction) {
        if (dataSource == null) {
            return () -> {};
        }
        var xid = transaction.fetchSingle("select pg_current_xact_id()::text").get(0, String.class);
        run("delete from fold_exempt where xid < pg_snapshot_xmin(pg_current_snapshot())", null);
        run("insert into fold_exempt (xid) values (?::xid8)", xid);
        return () -> {
            try {
                run("delete from fold_exempt where xid = ?::xid8", xid);
            } catch (IllegalStateException e) {
                // Left behind, it holds nothing back once the transaction ends; the next one removes it.
                log.warn("Could not remove the fold exemption of transaction {}", xid, e);
            }
        };
    }

    /** One statement on a connection of its own, committed at once (not in the caller's transaction). */
    private void run(String sql, @Nullable String xid) {
        var source = dataSource;
        if (source == null) {
            return;
        }
        try (var connection = source.getConnection();
                var statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            if (xid != null) {
                statement.setString(1, xid);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("fold exemption: " + e.getMessage(), e);
        }
    }
}
