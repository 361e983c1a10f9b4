package dev.tributary.segmentation.definition;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The segment aggregate: a named rule, how it is evaluated, and its canonical form. */
@Entity
@Table(name = "segment")
class Segment {

    @Id
    private String id;
    private String name;
    private String audience;
    private String query;
    @Column(name = "normalised_query")
    private String normalisedQuery;
    private String evaluation;
    private String schedule;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Segment() {
    }

    Segment(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
    }

    void define(String name, String audience, String query, String normalisedQuery, String evaluation, String schedule,
                Instant now) {
        this.name = name;
        this.audience = audience;
        this.query = query;
        this.normalisedQuery = normalisedQuery;
        this.evaluation = evaluation;
        this.schedule = schedule;
        this.updatedAt = now;
    }

    SegmentDefinition toDefinition() {
        return new SegmentDefinition(id, name, SegmentDefinition.audienceOf(audience), query, normalisedQuery,
                EvaluationMode.valueOf(evaluation.toUpperCase()), schedule, createdAt, updatedAt, version);
    }

    String id() {
        return id;
    }
}
