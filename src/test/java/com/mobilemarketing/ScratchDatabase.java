package com.mobilemarketing;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.core.db.TenantDataSource;
import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** A migrated, empty database of its own next to the test run's one; dropped on close. */
public final class ScratchDatabase implements AutoCloseable {

    private final DSLContext admin;
    private final String name;
    private final HikariDataSource pool;
    public final DSLContext db;

    public ScratchDatabase(DSLContext admin, HikariDataSource mainPool, String prefix) throws Exception {
        this.admin = admin;
        this.name = prefix + "_" + System.nanoTime();
        admin.execute("create database " + name);
        pool = new HikariDataSource();
        pool.setJdbcUrl(mainPool.getJdbcUrl().replaceAll("/[^/?]+(\\?.*)?$", "/" + name));
        pool.setUsername(mainPool.getUsername());
        pool.setPassword(mainPool.getPassword());
        pool.setMaximumPoolSize(2);
        try (var connection = pool.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_trgm");
        }
        flyway().migrate();
        db = DSL.using(new TenantDataSource(pool), SQLDialect.POSTGRES);
    }

    /** Flyway on this database, configured as the app's. */
    public Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load();
    }

    /** Count and digest of each query's rows, seeing every account. */
    public static Map<String, String> fingerprint(DSLContext db, Map<String, String> queries) {
        var result = new LinkedHashMap<String, String>();
        Tenant.runAllAccounts(() -> queries.forEach((table, query) -> result.put(
                table,
                db.fetchSingle(
                                "select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from ("
                                        + query + ") t")
                        .get(0, String.class))));
        return result;
    }

    @Override
    public void close() {
        pool.close();
        admin.execute("drop database if exists " + name);
    }
}
