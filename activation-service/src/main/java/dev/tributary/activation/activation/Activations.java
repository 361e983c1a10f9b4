package dev.tributary.activation.activation;

import dev.tributary.activation.destination.Destination;
import dev.tributary.activation.destination.DestinationType;
import dev.tributary.activation.destination.Destinations;
import dev.tributary.support.problem.BadRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Activations: created after their segment and destination are checked; their state is the delivery ledger's. */
@Service
public class Activations {

    static final String COLUMNS = "id, segment_id, destination_id, list_name, list_id, status, last_error, "
            + "reconcile_requested, created_at, updated_at, audience";

    private final JdbcClient jdbc;
    private final Destinations destinations;
    private final SegmentationClient segmentation;
    private final ApplicationEventPublisher events;

    Activations(JdbcClient jdbc, Destinations destinations, SegmentationClient segmentation, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.destinations = destinations;
        this.segmentation = segmentation;
        this.events = events;
    }

    public record ActivationRequest(String segmentId, String destinationId, String listName, String audienceName) {
    }

    @Transactional
    public Activation create(ActivationRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (request == null) {
            throw new BadRequestException("Invalid activation", "The request has no body", List.of());
        }
        Optional<Destination> destination = Optional.empty();
        if (request.destinationId() == null || request.destinationId().isBlank()) {
            errors.add(error("destinationId", "required"));
        } else {
            destination = destinations.find(request.destinationId());
            if (destination.isEmpty()) {
                errors.add(error("destinationId", "no destination with this id"));
            }
        }
        String name = null;
        String audience = null;
        if (destination.isPresent()) {
            DestinationType type = destination.get().type();
            if (type == DestinationType.MARKETO_STATIC_LIST) {
                name = request.listName();
                if (name == null || name.isBlank()) {
                    errors.add(error("listName", "required for a marketo-static-list destination"));
                } else if (name.length() > 255) {
                    errors.add(error("listName", "at most 255 characters"));
                }
            } else {
                name = request.audienceName();
                if (name == null || name.isBlank()) {
                    errors.add(error("audienceName", "required for a linkedin-matched-audience destination"));
                } else if (name.length() > 255) {
                    errors.add(error("audienceName", "at most 255 characters"));
                }
            }
        }
        if (request.segmentId() == null || request.segmentId().isBlank()) {
            errors.add(error("segmentId", "required"));
        } else {
            Optional<SegmentationClient.Segment> segment;
            try {
                segment = segmentation.segment(request.segmentId());
            } catch (SegmentationClient.SegmentationUnavailableException e) {
                throw new SegmentationUnavailableProblem(e.getMessage());
            }
            if (segment.isEmpty()) {
                errors.add(error("segmentId", "no segment with this id"));
            } else {
                audience = segment.get().audience();
                boolean toMarketo = destination.isPresent() && destination.get().type() == DestinationType.MARKETO_STATIC_LIST;
                if (!"person".equals(audience) && !("account".equals(audience) && destination.isPresent() && !toMarketo)) {
                    errors.add(error("segmentId", (toMarketo ? "a Marketo static list holds people" : "unsupported audience")
                            + "; this segment's audience is " + audience));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid activation", "The activation has invalid fields", errors);
        }
        String listName = name.trim();
        UUID destinationId = destination.get().id();
        boolean exists = jdbc.sql("""
                SELECT count(*) > 0 FROM activation.activation
                WHERE segment_id = :segment AND destination_id = :destination AND list_name = :list AND status <> 'stopped'""")
                .param("segment", request.segmentId()).param("destination", destinationId).param("list", listName)
                .query(Boolean.class).single();
        if (exists) {
            throw new ActivationConflictException("Segment '" + request.segmentId() + "' is already activated to list '"
                    + listName + "' of destination '" + destinationId + "'");
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO activation.activation (id, segment_id, audience, destination_id, list_name, status, created_at, updated_at)
                VALUES (:id, :segment, :audience, :destination, :list, 'starting', :now, :now)""")
                .param("id", id).param("segment", request.segmentId()).param("audience", audience).param("destination", destinationId)
                .param("list", listName).param("now", now).update();
        events.publishEvent(new ActivationChanged(id.toString()));
        return get(id.toString());
    }

    public Activation get(String id) {
        return find(id).orElseThrow(() -> new ActivationNotFoundException(id));
    }

    public Optional<Activation> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM activation.activation WHERE id = ?").param(uuid)
                .query(Activations::read).optional();
    }

    public List<Activation> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM activation.activation ORDER BY created_at, id")
                .query(Activations::read).list();
    }

    /** Stops following the segment; with {@code clear}, first removes from the destination everyone it sent. */
    @Transactional
    public Activation stop(String id, boolean clear) {
        Activation activation = get(id);
        if (!Activation.STOPPED.equals(activation.status())) {
            if (clear && activation.listId() != null) {
                jdbc.sql("""
                        UPDATE activation.ledger SET wanted = false, status = 'pending', changed_at = now(), updated_at = now()
                        WHERE activation_id = ? AND (in_destination OR status = 'pending')""").param(activation.id()).update();
            }
            jdbc.sql("UPDATE activation.activation SET status = ?, updated_at = now() WHERE id = ?")
                    .param(clear && activation.listId() != null ? Activation.CLEARING : Activation.STOPPED)
                    .param(activation.id()).update();
            events.publishEvent(new ActivationChanged(id));
        }
        return get(id);
    }

    @Transactional
    public Activation requestReconcile(String id) {
        Activation activation = get(id);
        if (!Activation.ACTIVE.equals(activation.status()) && !Activation.STARTING.equals(activation.status())) {
            throw new BadRequestException("Activation is " + activation.status() + "; only a running activation reconciles");
        }
        jdbc.sql("UPDATE activation.activation SET reconcile_requested = true, retry_at = NULL, updated_at = now() WHERE id = ?")
                .param(activation.id()).update();
        events.publishEvent(new ActivationChanged(id));
        return get(id);
    }

    public record Reason(String reason, long count) {
    }

    public record Counts(long delivered, long pending, long failed, long held, long removed, List<Reason> failedReasons,
                         List<Reason> heldReasons) {
    }

    public Counts counts(UUID activationId) {
        Map<String, Long> byStatus = new java.util.HashMap<>();
        jdbc.sql("SELECT status, count(*) FROM activation.ledger WHERE activation_id = ? GROUP BY status")
                .param(activationId).query(rs -> {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                });
        return new Counts(byStatus.getOrDefault("delivered", 0L), byStatus.getOrDefault("pending", 0L),
                byStatus.getOrDefault("failed", 0L), byStatus.getOrDefault("held", 0L),
                byStatus.getOrDefault("removed", 0L), reasons(activationId, "failed"), reasons(activationId, "held"));
    }

    private List<Reason> reasons(UUID activationId, String status) {
        return jdbc.sql("""
                SELECT coalesce(reason, 'unknown'), count(*) FROM activation.ledger WHERE activation_id = ? AND status = ?
                GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20""")
                .param(activationId).param(status).query((rs, n) -> new Reason(rs.getString(1), rs.getLong(2))).list();
    }

    public record Delivery(long id, String kind, Instant startedAt, Instant finishedAt, Long durationMs, int added,
                           int removed, int failed, int held, int calls, String error) {
    }

    public List<Delivery> deliveries(UUID activationId, int limit) {
        return jdbc.sql("""
                SELECT id, kind, started_at, finished_at, added, removed, failed, held, calls, error
                FROM activation.delivery WHERE activation_id = ? ORDER BY id DESC LIMIT ?""")
                .param(activationId).param(limit).query((rs, n) -> {
                    Instant started = rs.getTimestamp(3).toInstant();
                    Timestamp finished = rs.getTimestamp(4);
                    return new Delivery(rs.getLong(1), rs.getString(2), started,
                            finished == null ? null : finished.toInstant(),
                            finished == null ? null : finished.toInstant().toEpochMilli() - started.toEpochMilli(),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10));
                }).list();
    }

    public static Activation read(ResultSet rs, int row) throws SQLException {
        return new Activation(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant(), rs.getString(11));
    }

    private static Map<String, Object> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
