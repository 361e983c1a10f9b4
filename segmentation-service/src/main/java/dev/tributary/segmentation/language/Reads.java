package dev.tributary.segmentation.language;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rule reads, so that a streaming evaluation can tell a described change that cannot alter its
 * answer (a contact's new job title, for a rule that reads no job title) from one that may.
 *
 * @param columns the view columns read of each entity type, wherever the rule meets that type
 * @param facts   every {@code exists} and aggregate, by the type of entity it ranges over
 */
public record Reads(Map<ProfileReadEntity, Set<String>> columns, List<FactUse> facts) {

    public Reads {
        Map<ProfileReadEntity, Set<String>> copy = new EnumMap<>(ProfileReadEntity.class);
        columns.forEach((type, names) -> copy.put(type, Collections.unmodifiableSet(new LinkedHashSet<>(names))));
        columns = Collections.unmodifiableMap(copy);
        facts = List.copyOf(facts);
    }

    /**
     * An {@code exists} or aggregate over entities of {@code type}.
     *
     * @param filterSql     its {@code where}, as SQL over the entity's view aliased {@code f} with the rule's
     *                      parameters; null when it has none
     * @param filterColumns the entity's columns the {@code where} reads (nested paths aside)
     * @param valueColumn   the aggregated column; null for {@code count} and {@code exists}
     */
    public record FactUse(ProfileReadEntity type, String filterSql, Set<String> filterColumns, String valueColumn) {
        public FactUse {
            filterColumns = Set.copyOf(filterColumns);
        }
    }

    public boolean readsAny(ProfileReadEntity type, Collection<String> changedColumns) {
        Set<String> read = columns.getOrDefault(type, Set.of());
        return changedColumns.stream().anyMatch(read::contains);
    }

    public List<FactUse> factsOver(ProfileReadEntity type) {
        return facts.stream().filter(f -> f.type() == type).toList();
    }
}
