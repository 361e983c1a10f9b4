package dev.tributary.ingestion.source;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A system records and events come from. */
@Entity
@Table(name = "source")
class Source {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Convert(converter = SourceTypeConverter.class)
    @Column(nullable = false)
    private SourceType type;

    @Column(name = "instance_id", nullable = false)
    private String instanceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Source() {
    }

    Source(String name, SourceType type, String instanceId) {
        this.name = name;
        this.type = type;
        this.instanceId = instanceId;
        // PostgreSQL keeps microseconds: the create response must equal what a later GET returns
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    SourceType type() {
        return type;
    }

    String instanceId() {
        return instanceId;
    }

    Instant createdAt() {
        return createdAt;
    }
}
