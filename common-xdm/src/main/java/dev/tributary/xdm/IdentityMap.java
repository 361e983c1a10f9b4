package dev.tributary.xdm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** The XDM {@code identityMap}: secondary identities by namespace, {@code {"email":[{"id":"x"}]}}. */
public final class IdentityMap {

    private static final Set<String> SOURCE_KEY_NAMESPACES =
            Set.of(Identity.B2B_PERSON, Identity.B2B_ACCOUNT, Identity.B2B_OPPORTUNITY);
    private static final IdentityMap EMPTY = new IdentityMap(Map.of());

    private final Map<String, List<IdentityValue>> values;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IdentityMap(Map<String, List<IdentityValue>> values) {
        Map<String, List<IdentityValue>> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((namespace, list) -> copy.put(namespace,
                    list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list))));
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    public static IdentityMap empty() {
        return EMPTY;
    }

    public static IdentityMap of(String namespace, String... ids) {
        return new IdentityMap(Map.of(namespace, Stream.of(ids).map(IdentityValue::of).toList()));
    }

    @JsonValue
    public Map<String, List<IdentityValue>> values() {
        return values;
    }

    public List<IdentityValue> get(String namespace) {
        return values.getOrDefault(namespace, List.of());
    }

    public boolean isEmpty() {
        return values.values().stream().allMatch(List::isEmpty);
    }

    /**
     * Namespaces lower-cased (colliding namespaces merged), email ids trimmed and lower-cased,
     * b2b_* ids as canonical source keys, duplicate ids within a namespace dropped.
     *
     * @throws InvalidSourceKeyException if a b2b_* id is not a source key
     */
    public IdentityMap normalised() {
        Map<String, Map<String, IdentityValue>> merged = new LinkedHashMap<>();
        values.forEach((namespace, list) -> {
            String ns = namespace.trim().toLowerCase(Locale.ROOT);
            Map<String, IdentityValue> byId = merged.computeIfAbsent(ns, k -> new LinkedHashMap<>());
            for (IdentityValue value : list) {
                if (value == null || value.id() == null) {
                    continue;
                }
                String id = normaliseId(ns, value.id());
                byId.putIfAbsent(id, new IdentityValue(id, value.primary()));
            }
        });
        Map<String, List<IdentityValue>> result = new LinkedHashMap<>();
        merged.forEach((ns, byId) -> result.put(ns, List.copyOf(byId.values())));
        return new IdentityMap(result);
    }

    /** Every identity, in map order, as {@code namespace:value}; not normalised unless this map is. */
    public Stream<Identity> identities() {
        return values.entrySet().stream().flatMap(e -> e.getValue().stream()
                .filter(v -> v != null && v.id() != null)
                .map(v -> new Identity(e.getKey(), v.id())));
    }

    static String normaliseId(String namespace, String id) {
        if (Identity.EMAIL.equals(namespace)) {
            return EmailAddress.normalise(id);
        }
        if (SOURCE_KEY_NAMESPACES.contains(namespace)) {
            return SourceKey.parse(id).sourceKey();
        }
        return id;
    }

    /** Whether ids of this (lower-case) namespace are source keys. */
    public static boolean holdsSourceKeys(String namespace) {
        return SOURCE_KEY_NAMESPACES.contains(namespace);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityMap other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "IdentityMap" + values;
    }
}
