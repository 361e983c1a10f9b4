package dev.tributary.support.security;

import java.util.Set;
import java.util.UUID;

/**
 * A caller's key as the services see it: its scopes and, for an {@code ingest} key, the sources it may
 * write through (empty means every source). The secret itself is never held, only its hash.
 */
public record ApiKey(UUID id, String name, Set<Scope> scopes, Set<UUID> sourceIds) {

    /** The id of the bootstrap admin key ({@code CDP_API_TOKEN}), which is configured, not stored. */
    public static final UUID BOOTSTRAP_ID = new UUID(0, 0);

    public ApiKey {
        scopes = Set.copyOf(scopes);
        sourceIds = Set.copyOf(sourceIds);
    }

    public boolean grants(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }

    /** Whether this key may write records or events through the source. */
    public boolean mayWriteThrough(UUID sourceId) {
        return scopes.contains(Scope.ADMIN) || sourceIds.isEmpty() || sourceIds.contains(sourceId);
    }

    public boolean limitedToSources() {
        return !scopes.contains(Scope.ADMIN) && !sourceIds.isEmpty();
    }
}
