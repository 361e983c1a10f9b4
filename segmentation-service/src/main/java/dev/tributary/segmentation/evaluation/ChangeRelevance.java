package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.ProfileReadEntity;
import dev.tributary.segmentation.language.Reads;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drops the changed ids whose change cannot alter a rule's answer, before they are widened and re-decided.
 * Only changes that profile-service describes exactly can be dropped:
 * <ul>
 *   <li>a profile's own attributes: dropped when the rule reads none of the changed columns of that
 *       entity type, anywhere (a contact's new job title, for the seed rule);</li>
 *   <li>a related fact changed in place (an opportunity that stayed on its account): dropped when, for
 *       every {@code exists} and aggregate of the rule over that type, the change touched none of the
 *       columns of its {@code where}, and either not the aggregated column or the fact does not pass the
 *       {@code where} now. Since the {@code where} columns did not change, it did not pass before either:
 *       the fact was outside the aggregate before and after (an open opportunity's amount, for a sum of
 *       won amounts).</li>
 * </ul>
 * Everything else (new, merged, split or deleted profiles, links, events, memberships) is kept. A change
 * to the {@code where} columns that follows is a message of its own, so a dropped change is never the last
 * word about a fact.
 */
@Component
class ChangeRelevance {

    private final JdbcClient jdbc;
    private final Clock clock;

    ChangeRelevance(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The ids among {@code changed} (id -> described changes, or null) whose change may alter the rule's answer. */
    Set<String> relevant(CompiledSegment rule, Map<String, List<ProfileChanged.Change>> changed) {
        Map<Reads.FactUse, Set<String>> passing = passingNow(rule, changed);
        return changed.entrySet().stream()
                .filter(e -> e.getValue() == null || e.getValue().stream().anyMatch(c -> mayAlter(rule, c, passing)))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    static boolean mayAlter(CompiledSegment rule, ProfileChanged.Change change, Map<Reads.FactUse, Set<String>> passing) {
        ProfileReadEntity type = type(change.fact());
        if (type == null) {
            return true;
        }
        if (change.id() == null) {
            return type != ProfileReadEntity.PERSON && type != ProfileReadEntity.ACCOUNT || rule.reads().readsAny(type, change.fields());
        }
        return rule.reads().factsOver(type).stream().anyMatch(use -> change.fields().stream().anyMatch(use.filterColumns()::contains)
                || use.valueColumn() != null && change.fields().contains(use.valueColumn())
                && (use.filterSql() == null || passing.getOrDefault(use, Set.of()).contains(change.id())));
    }

    /** For each filtered aggregate, the facts whose aggregated value alone changed that pass its {@code where} now. */
    private Map<Reads.FactUse, Set<String>> passingNow(CompiledSegment rule, Map<String, List<ProfileChanged.Change>> changed) {
        Map<Reads.FactUse, Set<String>> passing = new HashMap<>();
        for (Reads.FactUse use : rule.reads().facts()) {
            if (use.filterSql() == null || use.valueColumn() == null || use.type().keyColumns().size() != 1
                    || passing.containsKey(use)) {
                continue;
            }
            String[] ids = changed.values().stream()
                    .filter(details -> details != null)
                    .flatMap(List::stream)
                    .filter(c -> c.id() != null && type(c.fact()) == use.type() && c.fields().contains(use.valueColumn())
                            && c.fields().stream().noneMatch(use.filterColumns()::contains))
                    .map(ProfileChanged.Change::id).distinct().toArray(String[]::new);
            if (ids.length == 0) {
                continue;
            }
            String key = "f." + use.type().keyColumns().get(0);
            Map<String, Object> params = new HashMap<>(rule.parameters());
            params.put("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            params.put("fact_ids", ids);
            passing.put(use, new HashSet<>(jdbc.sql("SELECT " + key + " FROM " + use.type().view() + " f WHERE " + key
                            + " = ANY(:fact_ids) AND (" + use.filterSql() + ")")
                    .params(params).query(String.class).list()));
        }
        return passing;
    }

    private static ProfileReadEntity type(String fact) {
        return Arrays.stream(ProfileReadEntity.values()).filter(t -> t.factType().equals(fact)).findFirst().orElse(null);
    }
}
