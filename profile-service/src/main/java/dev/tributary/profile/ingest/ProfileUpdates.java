package dev.tributary.profile.ingest;

import dev.tributary.profile.changes.ChangePublisher;
import dev.tributary.profile.changes.ChangeSet;
import dev.tributary.profile.fragment.FragmentChange;
import dev.tributary.profile.fragment.FragmentStore;
import dev.tributary.profile.fragment.IncomingRecord;
import dev.tributary.profile.fragment.RelationshipProjection;
import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.identity.GraphLock;
import dev.tributary.profile.identity.IdentityGraph;
import dev.tributary.profile.merge.AttributeMerger;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one way profile state changes: a batch of records or events in one transaction, ending with
 * its change events in the outbox. Record batches run one at a time, and event batches wait for them only
 * while they change identity links ({@link GraphLock}).
 */
@Service
public class ProfileUpdates {

    /** An experience event resolved to the identity it was recorded under. */
    public record IncomingEvent(String eventId, String identityNamespace, String identityValue, String eventType,
                                Instant timestamp, String url, String pageName, String referrer, String sourceId) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProfileUpdates.class);

    /** Stores a batch's events, each with the person its identity resolves to now (a probe a row, ADR 0017). */
    private static final String INSERT_EVENTS_SQL = """
            INSERT INTO experience_event (event_id, identity_ns, identity_value, event_type, ts, url, page_name,
                                          referrer, source_id, person_id)
            SELECT u.*, %s
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                        ?::text[], ?::text[], ?::text[]) AS u(id, ns, val, type, ts, url, page, referrer, source)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id, person_id"""
            .formatted(ProfileKind.PERSON.profileIdSql("u.ns", "u.val"));

    private final FragmentStore fragments;
    private final RelationshipProjection relationships;
    private final IdentityGraph graph;
    private final AttributeMerger merger;
    private final ChangePublisher publisher;
    private final JdbcClient jdbc;
    private final GraphLock graphLock;
    private final BatchTimers timers;

    ProfileUpdates(FragmentStore fragments, RelationshipProjection relationships, IdentityGraph graph,
                   AttributeMerger merger, ChangePublisher publisher, JdbcClient jdbc, GraphLock graphLock,
                   BatchTimers timers) {
        this.fragments = fragments;
        this.relationships = relationships;
        this.graph = graph;
        this.merger = merger;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.graphLock = graphLock;
        this.timers = timers;
    }

    @Transactional
    public void applyRecords(Collection<IncomingRecord> records) {
        PhaseTimer timer = new PhaseTimer(timers);
        graphLock.recordBatch();   // IdentityGraph.relink takes the graph exclusively if the batch changes identity links
        timer.lap("lock");
        List<FragmentChange> changes = fragments.accept(records);
        timer.lap("fragments");
        if (changes.isEmpty()) {
            timer.finish(log, "records", records.size());
            return;
        }
        ChangeSet changeSet = new ChangeSet();
        Map<ProfileKind, List<FragmentChange>> byType = new EnumMap<>(ProfileKind.class);
        changes.forEach(c -> ProfileKind.of(c.incoming().xdmClass())
                .ifPresent(type -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(c)));
        // identities first, so every fragment is written once, with its profile
        Map<ProfileKind, IdentityGraph.Relinked> relinked = new EnumMap<>(ProfileKind.class);
        Map<String, String> profileOf = new HashMap<>();
        byType.forEach((type, ofType) -> {
            IdentityGraph.Relinked r = graph.relink(type, ofType);
            r.announce(changeSet);
            relinked.put(type, r);
            profileOf.putAll(r.profileOf());
            timer.lap(type.id() + " identity");
        });
        fragments.write(changes, profileOf);
        timer.lap("write");
        byType.forEach((type, ofType) -> {
            IdentityGraph.Relinked r = relinked.get(type);
            // profiles whose identities or fragments changed: which events, links and memberships are theirs may have
            // changed too, so their change is not described
            Set<String> affected = new LinkedHashSet<>(r.profiles());
            ofType.forEach(c -> {
                String id = profileOf.get(c.sourceKey());
                if (id != null) {
                    affected.add(id);
                }
            });
            Map<String, List<String>> changedColumns = merger.recompute(type, affected, ofType.stream()
                    .filter(c -> !c.incoming().deleted())
                    .collect(Collectors.toMap(FragmentChange::sourceKey, c -> c.incoming().data(), (a, b) -> b)), r.created());
            timer.lap(type.id() + " merge");
            for (String id : affected) {
                List<String> columns = changedColumns.get(id);
                if (columns == null || r.profiles().contains(id)) {
                    changeSet.changed(type, id, "attributes");
                } else {
                    changeSet.changed(type, id, "attributes", ProfileChanged.Change.attributes(type.id(), columns));
                }
            }
        });
        // after every identity change of the batch, so the rows it writes resolve to the final profiles
        RelationshipProjection.Touched touched = relationships.project(changes);
        timer.lap("relationships");
        resolve(ProfileKind.PERSON, touched.personKeys()).values().stream().flatMap(List::stream).distinct()
                .forEach(id -> changeSet.changed(ProfileKind.PERSON, id, "relationships"));
        // one lookup for the accounts of both kinds of change
        List<String> accountKeys = new ArrayList<>(touched.accountKeys());
        touched.opportunities().forEach(o -> accountKeys.add(o.accountKey()));
        Map<String, List<String>> accountIds = resolve(ProfileKind.ACCOUNT, accountKeys);
        touched.accountKeys().stream().flatMap(k -> accountIdsOf(accountIds, k).stream()).distinct()
                .forEach(id -> changeSet.changed(ProfileKind.ACCOUNT, id, "relationships"));
        for (RelationshipProjection.OpportunityChange o : touched.opportunities()) {
            ProfileChanged.Change change = new ProfileChanged.Change("opportunity", o.opportunityKey(), o.fields());
            accountIdsOf(accountIds, o.accountKey()).forEach(id -> changeSet.changed(ProfileKind.ACCOUNT, id, "relationships", change));
        }
        timer.lap("touched");
        publisher.publish(changeSet);
        timer.lap("outbox");
        timer.finish(log, "records", records.size());
    }

    @Transactional
    public void applyEvents(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        // shared with other event batches, exclusive of graph changes: the person each event resolves to
        // here must not be changed by a merge committing meanwhile, which would not see this event
        graphLock.shared();
        // one statement; RETURNING names only the events not seen before, so a replay announces nothing
        ChangeSet changeSet = new ChangeSet();
        Map<String, IncomingEvent> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        jdbc.sql(INSERT_EVENTS_SQL)
                .param(column(byId.values(), IncomingEvent::eventId))
                .param(column(byId.values(), IncomingEvent::identityNamespace))
                .param(column(byId.values(), IncomingEvent::identityValue))
                .param(column(byId.values(), IncomingEvent::eventType))
                .param(byId.values().stream().map(e -> Timestamp.from(e.timestamp())).toArray(Timestamp[]::new))
                .param(column(byId.values(), IncomingEvent::url))
                .param(column(byId.values(), IncomingEvent::pageName))
                .param(column(byId.values(), IncomingEvent::referrer))
                .param(column(byId.values(), IncomingEvent::sourceId))
                .query((rs, n) -> rs.getString(2))
                .list()
                .stream().filter(Objects::nonNull)
                .forEach(personId -> changeSet.changed(ProfileKind.PERSON, personId, "events"));
        publisher.publish(changeSet);
    }

    private static String[] column(Collection<IncomingEvent> events, Function<IncomingEvent, String> field) {
        return events.stream().map(field).toArray(String[]::new);
    }

    private static List<String> accountIdsOf(Map<String, List<String>> resolved, String sourceKey) {
        return resolved.getOrDefault(SourceKey.parse(sourceKey).sourceKey(), List.of());
    }

    /** The unified ids of source keys, by canonical source key. */
    private Map<String, List<String>> resolve(ProfileKind type, List<String> sourceKeys) {
        if (sourceKeys.isEmpty()) {
            return Map.of();
        }
        String[] canonical = sourceKeys.stream().map(k -> SourceKey.parse(k).sourceKey()).distinct().toArray(String[]::new);
        Map<String, List<String>> ids = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT value, profile_id FROM identity_profile
                        WHERE entity_type = ? AND namespace = ? AND value = ANY(?)""")
                .param(type.id()).param(type.keyNamespace()).param(canonical)
                .query(rs -> {
                    ids.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return ids;
    }
}
