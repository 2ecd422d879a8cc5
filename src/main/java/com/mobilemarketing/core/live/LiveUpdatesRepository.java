package com.mobilemarketing.core.live;

import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Repository;

/** The SQL of the cross-node live updates: PostgreSQL NOTIFY, and LISTEN on a connection of its own. */
@Repository
public class LiveUpdatesRepository {

    private final DSLContext db;
    private final DataSource dataSource;

    public LiveUpdatesRepository(DSLContext db, DataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    /** Sends {@code payload} to every node listening on {@code channel} (committed at once). */
    public void notify(String channel, String payload) {
        db.fetch("select pg_notify(?, ?)", channel, payload);
    }

    /**
     * Listens on {@code channel} with one dedicated connection and hands each payload to
     * {@code payloads} while {@code running} holds; returns when it stops, throws when the
     * connection is lost.
     */
    public void listen(String channel, BooleanSupplier running, Consumer<String> payloads) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("listen " + channel);
            }
            var pg = connection.unwrap(PGConnection.class);
            while (running.getAsBoolean()) {
                var notifications = pg.getNotifications(500);
                if (notifications == null) {
                    continue;
                }
                for (var notification : notifications) {
                    payloads.accept(notification.getParameter());
                }
            }
        }
    }
}
