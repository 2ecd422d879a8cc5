package com.mobilemarketing.core.db;

import com.mobilemarketing.core.security.AppUserDetails;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hands out connections that carry the current account in {@code app.account_id}, which the
 * row-level security policies of every tenant table compare against. Every checkout sets both
 * settings, so a pooled connection never keeps the previous user's account.
 */
public class TenantDataSource extends DelegatingDataSource {

    public TenantDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withTenant(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withTenant(super.getConnection(username, password));
    }

    private static Connection withTenant(Connection connection) throws SQLException {
        var accountId = currentAccountId();
        try (var statement = connection.prepareStatement(
                "select set_config('app.account_id', ?, false), set_config('app.all_accounts', ?, false)")) {
            statement.setString(1, accountId == null ? "" : accountId.toString());
            statement.setString(2, Tenant.isAllAccounts() ? "on" : "off");
            statement.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static @Nullable Long currentAccountId() {
        if (Tenant.isExplicit()) {
            return Tenant.explicitAccountId();
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AppUserDetails user) {
            return user.user().accountId();
        }
        return null;
    }
}
