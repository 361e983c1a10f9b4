package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.AttributeCatalog;
import dev.tributary.segmentation.language.AttributeCatalog.Relation;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.ProfileReadEntity;
import dev.tributary.segmentation.language.TimeCrossing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Widens changed profile ids to the entities of an audience whose answer may depend on them, following
 * only the paths the rule reads. Profile-service announces every change as a change of a person or an
 * account: a person for its own attributes, links, events, campaign and list memberships and opportunity
 * contacts; an account for its own attributes, its opportunities and its links. Each step of a rule's path
 * is walked backwards from those announcements to the audience. A rule on a person's own attributes and
 * events ({@code score > 50 and exists(events ...)}) so re-decides only the changed people, and the seed
 * rule ({@code sum(accounts.opportunities.amount ...)}) adds the people of changed accounts, not the
 * co-workers of a changed person. Changed ids themselves are always kept: a merged or deleted id must be
 * able to exit.
 */
@Component
class AffectedEntities {

    private static final String PERSONS = "SELECT unnest(CAST(:persons AS text[]))";
    private static final String ACCOUNTS = "SELECT unnest(CAST(:accounts AS text[]))";

    private final JdbcClient jdbc;

    AffectedEntities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> expand(CompiledSegment rule, Collection<String> personIds, Collection<String> accountIds) {
        return new LinkedHashSet<>(jdbc.sql(sql(rule.audience(), rule.paths()))
                .param("persons", personIds.toArray(String[]::new))
                .param("accounts", accountIds.toArray(String[]::new))
                .query(String.class).list());
    }

    /**
     * The entities whose answer may have changed as time passed from {@code from} to {@code to}, new data aside:
     * the owners of facts that crossed one of the rule's windows relative to now (a page view leaving "in last
     * 7 days"), widened along the rule's paths like any change of theirs.
     */
    Set<String> crossedWindows(CompiledSegment rule, Instant from, Instant to) {
        Set<String> persons = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        Map<String, Object> params = new HashMap<>(rule.parameters());
        params.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        params.put("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        for (TimeCrossing crossing : rule.timeCrossings()) {
            (crossing.ofAccounts() ? accounts : persons).addAll(jdbc.sql(crossing.sql()).params(params).query(String.class).list());
        }
        return persons.isEmpty() && accounts.isEmpty() ? Set.of() : expand(rule, persons, accounts);
    }

    /** One statement: the changed ids of the audience's type, and for each path the entities it reaches changes from. */
    static String sql(Audience audience, Set<List<String>> paths) {
        ProfileReadEntity base = audience.entity();
        List<String> parts = new ArrayList<>();
        parts.add(announced(base));
        for (List<String> path : paths) {
            parts.add(reaching(base, path, 0));
        }
        return String.join("\nUNION ", parts);
    }

    /** Ids of {@code from} whose facts along {@code path[step..]} may have changed. */
    private static String reaching(ProfileReadEntity from, List<String> path, int step) {
        Relation relation = AttributeCatalog.relation(from, path.get(step))
                .orElseThrow(() -> new IllegalArgumentException("no path " + path.get(step) + " from " + from.factType()));
        String changed = announced(relation.to());
        if (step + 1 < path.size()) {
            changed = changed + " UNION " + reaching(relation.to(), path, step + 1);
        }
        return backwards(relation, changed);
    }

    /**
     * The ids under which profile-service announces a change of an entity of {@code type}: the entity's own
     * id for people and accounts, the owning account for an opportunity, the owning person for events and
     * memberships.
     */
    private static String announced(ProfileReadEntity type) {
        return type.announcedAsAccount() ? ACCOUNTS : PERSONS;
    }

    /** The ids of {@code relation.from()} related to {@code changed}, which are announced ids of {@code relation.to()}. */
    static String backwards(Relation relation, String changed) {
        return switch (relation.from().factType() + "." + relation.name()) {
            case "person.accounts" -> "SELECT pa.person_id FROM profile_read.person_account pa WHERE pa.account_id IN (" + changed + ")";
            case "person.opportunities" -> "SELECT op.person_id FROM profile_read.opportunity o"
                    + " JOIN profile_read.opportunity_person op ON op.opportunity_id = o.opportunity_id WHERE o.account_id IN (" + changed + ")";
            case "person.campaigns", "person.lists", "person.events", "account.opportunities" -> changed;
            case "account.persons", "account.events" ->
                    "SELECT pa.account_id FROM profile_read.person_account pa WHERE pa.person_id IN (" + changed + ")";
            default -> throw new IllegalStateException("no way back along " + relation.from().factType() + "." + relation.name()
                    + "; AffectedEntities must learn it before a rule can stream over it");
        };
    }
}
