package com.mobilemarketing.ingest;

import static com.mobilemarketing.db.Tables.SHOP_INTEGRATION;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The shop's order log: its signing secret, the idempotent store of order statuses (which
 * re-attributes the contacts they touch in the same transaction), and the figures for monitoring.
 */
@Repository
public class OrderRepository {

    /** What one request stored: statuses new or replaced by a version that ranks first, and those of unknown contacts. */
    public record Stored(int received, int stored, int unknownContacts) {}

    /** Order statuses stored, orders of contacts not (yet) known, orders credited to a message. */
    public record OrderFigures(long statuses, long unknownContacts, long attributed) {}

    private final DSLContext db;

    public OrderRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<String> findShopSecret(long accountId) {
        return db.select(SHOP_INTEGRATION.WEBHOOK_SECRET)
                .from(SHOP_INTEGRATION)
                .where(SHOP_INTEGRATION.ACCOUNT_ID.eq(accountId))
                .fetchOptional(SHOP_INTEGRATION.WEBHOOK_SECRET);
    }

    /**
     * Stores one checked batch of one account in one transaction: every row or none. The rows travel
     * as arrays, so the statement is the same for any batch size; ingest_orders (V90) resolves the
     * contacts, keeps one version per (order, status) whatever the arrival order, and re-attributes.
     */
    public Stored store(long accountId, List<OrderUpdate> orders) {
        return db.transactionResult(trx -> trx.dsl().connectionResult(connection -> {
            try (var call = connection.prepareStatement(INGEST)) {
                call.setLong(1, accountId);
                new ColumnArrays<>(connection, call, 2, orders)
                        .texts(OrderUpdate::orderId)
                        .texts(o -> o.status().name())
                        .texts(o -> o.placedAt().toString()) // ISO-8601 with its offset, exact
                        .texts(o -> o.value().toPlainString())
                        .texts(OrderUpdate::currency)
                        .bigints(OrderUpdate::contactId)
                        .texts(OrderUpdate::phone)
                        .texts(OrderUpdate::email);
                try (var result = call.executeQuery()) {
                    result.next();
                    return new Stored(orders.size(), result.getInt(1), result.getInt(2));
                }
            }
        }));
    }

    /** Plain JDBC with arrays: the statement text is the same for every batch size. */
    private static final String INGEST = """
            select stored, unknown_contacts
            from ingest_orders(?, ?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::numeric[], ?::text[],
                               ?::bigint[], ?::text[], ?::text[])
            """;

    /** For monitoring and the load benchmark; counts every account the caller sees. */
    public OrderFigures figures() {
        var r = db.fetchSingle("select (select count(*) from order_event), "
                + "(select count(distinct (account_id, order_id)) from order_event where contact_id is null), "
                + "(select count(*) from order_attribution)");
        return new OrderFigures(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class));
    }
}
