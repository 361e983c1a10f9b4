package dev.tributary.segmentation.membership;

import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.definition.SegmentDefinitions;
import dev.tributary.segmentation.definition.ReadLimits;
import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.FactQuery;
import dev.tributary.support.problem.BadRequestException;
import dev.tributary.support.problem.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The membership feature's facade: who is in a segment, since when, what changed, and why. */
@Service
public class Memberships {

    public static final int MAX_LIMIT = 1000;

    private final SegmentDefinitions definitions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ReadLimits limits;

    Memberships(SegmentDefinitions definitions, JdbcClient jdbc, Clock clock, ReadLimits limits) {
        this.definitions = definitions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.limits = limits;
    }

    /** Keyset pagination on the entity id: stable while members enter and exit between pages. */
    @Transactional(readOnly = true)
    public MembersPage members(String segmentId, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("Invalid request", "limit must be between 1 and " + MAX_LIMIT,
                    List.of(Map.of("field", "limit", "message", "must be between 1 and " + MAX_LIMIT)));
        }
        SegmentDefinition segment = definitions.get(segmentId);
        String after = cursor == null || cursor.isBlank() ? "" : decode(cursor);
        try {
            limits.start();
            return page(segment, limit, after);
        } catch (RuntimeException e) {
            throw limits.translate(e);
        }
    }

    private MembersPage page(SegmentDefinition segment, int limit, String after) {
        String segmentId = segment.id();
        String profile = segment.audience() == Audience.PERSON
                ? "LEFT JOIN profile_read.person p ON p.person_id = m.entity_id"
                : "LEFT JOIN profile_read.account p ON p.account_id = m.entity_id";
        String label = segment.audience() == Audience.PERSON ? "p.email, NULL" : "NULL, p.name";
        List<MembersPage.Member> rows = jdbc.sql("SELECT m.entity_id, " + label + ", m.since FROM segmentation.membership m "
                        + profile + " WHERE m.segment_id = ? AND m.active AND m.entity_id > ? ORDER BY m.entity_id LIMIT ?")
                .params(segmentId, after, limit + 1)
                .query((rs, n) -> new MembersPage.Member(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
        long total = activeMembers(segmentId);
        boolean more = rows.size() > limit;
        List<MembersPage.Member> page = more ? rows.subList(0, limit) : rows;
        return new MembersPage(List.copyOf(page), total, more ? encode(page.get(page.size() - 1).id()) : null);
    }

    /** The segment's active members, counted as they enter and exit (migration V3), not by reading them. */
    public long activeMembers(String segmentId) {
        return jdbc.sql("SELECT coalesce(max(active), 0) FROM segmentation.membership_count WHERE segment_id = ?")
                .param(segmentId).query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(String segmentId, String entityId) {
        definitions.get(segmentId);
        try {
            limits.start();
            return historyOf(segmentId, entityId);
        } catch (RuntimeException e) {
            throw limits.translate(e);
        }
    }

    private List<HistoryEntry> historyOf(String segmentId, String entityId) {
        return jdbc.sql("""
                        SELECT entity_id, change, at, evaluation_id FROM segmentation.membership_history
                        WHERE segment_id = :segment AND (CAST(:entity AS text) IS NULL OR entity_id = :entity)
                        ORDER BY id DESC LIMIT 1000""")
                .param("segment", segmentId).param("entity", entityId)
                .query((rs, n) -> new HistoryEntry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .list();
    }

    /** The facts behind each predicate and aggregate of the rule, for a current member. */
    @Transactional(readOnly = true)
    public Explanation explain(String segmentId, String entityId) {
        SegmentDefinition segment = definitions.get(segmentId);
        try {
            limits.start();
            return explain(segment, entityId);
        } catch (RuntimeException e) {
            throw limits.translate(e);
        }
    }

    private Explanation explain(SegmentDefinition segment, String entityId) {
        String segmentId = segment.id();
        Instant since = jdbc.sql("SELECT since FROM segmentation.membership WHERE segment_id = ? AND entity_id = ? AND active")
                .params(segmentId, entityId).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional()
                .orElseThrow(() -> new NotFoundException("Member", entityId));
        CompiledSegment compiled = segment.compile();
        Map<String, Object> params = new HashMap<>(compiled.parameters());
        params.put("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        params.put("entity_id", entityId);
        List<Explanation.Part> parts = new ArrayList<>();
        for (FactQuery fact : compiled.explanations()) {
            List<Explanation.Fact> facts = jdbc.sql(fact.sql()).params(params)
                    .query((rs, n) -> new Explanation.Fact(rs.getString("fact_type"), rs.getString("fact_id"),
                            rs.getString("label"), rs.getBigDecimal("amount"),
                            rs.getTimestamp("at") == null ? null : rs.getTimestamp("at").toInstant(), rs.getString("via")))
                    .list();
            parts.add(new Explanation.Part(fact.description(), facts));
        }
        return new Explanation(segmentId, entityId, compiled.normalisedQuery(), since, parts);
    }

    private static String encode(String entityId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(entityId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid request", "cursor is not one this API returned",
                    List.of(Map.of("field", "cursor", "message", "is not one this API returned")));
        }
    }
}
