package dev.tributary.support.security;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Loads and saves API keys in {@code access.api_key}; knows nothing of HTTP or caching. */
class ApiKeyStore {

    /** A stored key as listed: never its secret. */
    record StoredKey(ApiKey key, String prefix, Instant createdAt, Instant revokedAt) {
    }

    private static final String COLUMNS = "id, name, key_prefix, scopes, source_ids, created_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKey key, byte[] hash, String prefix) {
        jdbc.sql("""
                INSERT INTO access.api_key (id, name, key_hash, key_prefix, scopes, source_ids)
                VALUES (:id, :name, :hash, :prefix, :scopes::text[], :sources::uuid[])""")
                .param("id", key.id()).param("name", key.name()).param("hash", hash).param("prefix", prefix)
                .param("scopes", key.scopes().stream().map(Scope::value).sorted().toArray(String[]::new))
                .param("sources", key.sourceIds().stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    /** Every key not revoked, by the hex of its hash. */
    List<HashedKey> active() {
        return jdbc.sql("SELECT key_hash, " + COLUMNS + " FROM access.api_key WHERE revoked_at IS NULL")
                .query((rs, n) -> new HashedKey(rs.getBytes("key_hash"), row(rs).key())).list();
    }

    Optional<ApiKey> activeByHash(byte[] hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access.api_key WHERE key_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash).query((rs, n) -> row(rs).key()).optional();
    }

    List<StoredKey> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access.api_key ORDER BY created_at, id").query((rs, n) -> row(rs)).list();
    }

    Optional<StoredKey> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access.api_key WHERE id = :id").param("id", id)
                .query((rs, n) -> row(rs)).optional();
    }

    /** @return whether a key that was active is now revoked */
    boolean revoke(UUID id) {
        return jdbc.sql("UPDATE access.api_key SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                .param("id", id).update() == 1;
    }

    record HashedKey(byte[] hash, ApiKey key) {
    }

    private static StoredKey row(ResultSet rs) throws SQLException {
        Set<Scope> scopes = Arrays.stream(strings(rs.getArray("scopes")))
                .map(s -> Scope.parse(s).orElseThrow(() -> new IllegalStateException("unknown scope " + s)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<UUID> sources = Arrays.stream(strings(rs.getArray("source_ids"))).map(UUID::fromString)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ApiKey key = new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), scopes, sources);
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new StoredKey(key, rs.getString("key_prefix"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static String[] strings(Array array) throws SQLException {
        if (array == null) {
            return new String[0];
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toArray(String[]::new);
    }
}
