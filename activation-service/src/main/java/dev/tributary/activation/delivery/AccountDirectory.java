package dev.tributary.activation.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Accounts as profile-service publishes them, through {@code profile_read.account}; a retired id reads as its survivor. */
@Component
class AccountDirectory {

    record Account(String id, String name, String domain) {
    }

    private final JdbcClient jdbc;

    AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Account> accounts(Collection<String> ids) {
        Map<String, Account> accounts = new HashMap<>();
        if (ids.isEmpty()) {
            return accounts;
        }
        jdbc.sql("""
                SELECT q.id, a.name, a.domain
                FROM unnest(CAST(:ids AS text[])) AS q(id)
                LEFT JOIN profile_read.profile_alias al ON al.alias_id = q.id
                JOIN profile_read.account a ON a.account_id = coalesce(al.profile_id, q.id)""")
                .param("ids", ids.toArray(String[]::new))
                .query(rs -> {
                    accounts.put(rs.getString(1), new Account(rs.getString(1), rs.getString(2), rs.getString(3)));
                });
        return accounts;
    }
}
