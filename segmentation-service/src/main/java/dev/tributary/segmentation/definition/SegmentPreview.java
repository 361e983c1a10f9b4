package dev.tributary.segmentation.definition;

import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a rule without storing anything: the count and a small sample. */
@Component
class SegmentPreview {

    static final int SAMPLE_SIZE = 20;

    private final JdbcClient jdbc;
    private final ReadLimits limits;

    SegmentPreview(JdbcClient jdbc, ReadLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    @Transactional(readOnly = true)
    PreviewResponse preview(CompiledSegment compiled, Instant now) {
        try {
            limits.start();
            return run(compiled, now);
        } catch (RuntimeException e) {
            throw limits.translate(e);
        }
    }

    private PreviewResponse run(CompiledSegment compiled, Instant now) {
        Map<String, Object> params = new HashMap<>(compiled.parameters());
        params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        long count = jdbc.sql("SELECT count(*) FROM (" + compiled.selectAll() + ") q")
                .params(params).query(Long.class).single();
        boolean persons = compiled.audience() == Audience.PERSON;
        String sample = persons
                ? "SELECT q.entity_id, p.email, NULL AS name FROM (" + compiled.selectAll() + ") q"
                  + " JOIN profile_read.person p ON p.person_id = q.entity_id ORDER BY q.entity_id LIMIT " + SAMPLE_SIZE
                : "SELECT q.entity_id, NULL AS email, a.name FROM (" + compiled.selectAll() + ") q"
                  + " JOIN profile_read.account a ON a.account_id = q.entity_id ORDER BY q.entity_id LIMIT " + SAMPLE_SIZE;
        List<PreviewResponse.Sample> rows = jdbc.sql(sample).params(params)
                .query((rs, n) -> new PreviewResponse.Sample(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        return new PreviewResponse(count, compiled.normalisedQuery(), rows);
    }
}
