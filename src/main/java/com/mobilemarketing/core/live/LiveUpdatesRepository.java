package com.mobilemarketing.core.live;

import java.sql.SQLException;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
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
     * Listens on {@code channels} (plain identifiers) with one dedicated connection and hands each
     * notification's channel and payload to {@code notifications} while {@code running} holds;
     * returns when it stops, throws when the connection is lost. It blocks on the socket between
     * notifications and wakes once a second to look at {@code running}.
     */
    public void listen(Collection<String> channels, BooleanSupplier running, BiConsumer<String, String> notifications)
            throws SQLException {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                for (var channel : channels) {
                    statement.execute("listen " + channel);
                }
            }
            var pg = connection.unwrap(PGConnection.class);
            while (running.getAsBoolean()) {
                var received = pg.getNotifications(1000);
                if (received == null) {
                    continue;
                }
                for (var notification : received) {
                    notifications.accept(notification.getName(), notification.getParameter());
                }
            }
        }
    }
}
