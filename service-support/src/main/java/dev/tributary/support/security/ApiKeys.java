package dev.tributary.support.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The API keys of the platform: issues, lists and revokes them, and recognises a presented key without
 * a database round trip on the hot path. Every service holds the active keys' hashes in memory and
 * re-reads them every {@code cdp.security.key-refresh}, so a key revoked anywhere stops working
 * everywhere within that time (docs/adr/0019).
 */
public class ApiKeys implements InitializingBean, DisposableBean {

    /** A key as returned once, at creation: the only time its secret is visible. */
    public record IssuedKey(ApiKeyStore.StoredKey stored, String secret) {
    }

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final String PREFIX = "trb_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final byte[] bootstrapHash;
    private final ApiKey bootstrap = new ApiKey(ApiKey.BOOTSTRAP_ID, "bootstrap (CDP_API_TOKEN)", Set.of(Scope.ADMIN), Set.of());
    private final Duration refresh;
    private volatile Map<ByteBuffer, ApiKey> active = Map.of();
    private ScheduledExecutorService refresher;

    ApiKeys(ApiKeyStore store, SecurityProperties properties) {
        if (properties.apiToken() == null || properties.apiToken().isBlank()) {
            throw new IllegalStateException("cdp.security.api-token (CDP_API_TOKEN) must be set: it is the bootstrap admin key");
        }
        this.store = store;
        this.bootstrapHash = hash(properties.apiToken());
        this.refresh = properties.keyRefresh();
    }

    @Override
    public void afterPropertiesSet() {
        reload();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "api-key-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::reloadQuietly, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The key a caller presented, if it is the bootstrap key or an active stored key. */
    public Optional<ApiKey> recognise(String presented) {
        byte[] hash = hash(presented);
        // constant-time: the bootstrap key is a shared secret compared, not looked up
        if (MessageDigest.isEqual(bootstrapHash, hash)) {
            return Optional.of(bootstrap);
        }
        ApiKey key = active.get(ByteBuffer.wrap(hash));
        if (key != null) {
            return Optional.of(key);
        }
        // a key issued through another service moments ago is not in this one's cache yet
        return store.activeByHash(hash);
    }

    public IssuedKey issue(String name, Set<Scope> scopes, Set<UUID> sourceIds) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey key = new ApiKey(UUID.randomUUID(), name, scopes, sourceIds);
        store.insert(key, hash(secret), secret.substring(0, PREFIX.length() + 6));
        reloadQuietly();
        log.info("Issued API key {} ({}) with scopes {}", key.id(), name, scopes);
        return new IssuedKey(store.byId(key.id()).orElseThrow(), secret);
    }

    public List<ApiKeyStore.StoredKey> list() {
        return store.all();
    }

    public Optional<ApiKeyStore.StoredKey> find(UUID id) {
        return store.byId(id);
    }

    /** @return false if no such key exists */
    public boolean revoke(UUID id) {
        Optional<ApiKeyStore.StoredKey> existing = store.byId(id);
        if (existing.isEmpty()) {
            return false;
        }
        if (store.revoke(id)) {
            log.info("Revoked API key {}", id);
        }
        reloadQuietly();
        return true;
    }

    private void reload() {
        Map<ByteBuffer, ApiKey> keys = new HashMap<>();
        for (ApiKeyStore.HashedKey k : store.active()) {
            keys.put(ByteBuffer.wrap(k.hash()), k.key());
        }
        active = Map.copyOf(keys);
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // keep the last known keys: a database hiccup must not lock every caller out
            log.warn("Could not refresh API keys; keeping the {} known: {}", active.size(), e.toString());
        }
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
