package dev.tributary.ingestion.source;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /** {@code file} or {@code web} (push only), or a connector's type (ADR 0027). */
    @Column(nullable = false)
    private String type;

    @Column(name = "instance_id", nullable = false)
    private String instanceId;

    /** Further instances whose records the source may carry, besides its own (ADR 0023). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "source_instance", joinColumns = @JoinColumn(name = "source_id"))
    @Column(name = "instance_id", nullable = false)
    @OrderBy
    private List<String> instanceIds = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Source() {
    }

    Source(String name, String type, String instanceId, Collection<String> instanceIds) {
        this.name = name;
        this.type = type;
        this.instanceId = instanceId;
        // sorted as the database returns them, so the create response equals what a later GET returns
        this.instanceIds = new ArrayList<>(new TreeSet<>(instanceIds));
        // PostgreSQL keeps microseconds: the create response must equal what a later GET returns
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String type() {
        return type;
    }

    String instanceId() {
        return instanceId;
    }

    List<String> instanceIds() {
        return List.copyOf(instanceIds);
    }

    /** The instances whose records the source may carry as their own: its instanceId and its instanceIds. */
    Set<String> writableInstances() {
        Set<String> writable = new LinkedHashSet<>();
        writable.add(instanceId);
        writable.addAll(instanceIds);
        return Set.copyOf(writable);
    }

    Instant createdAt() {
        return createdAt;
    }

    void rename(String name) {
        this.name = name;
    }
}
