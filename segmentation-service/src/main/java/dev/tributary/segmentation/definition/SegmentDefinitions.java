package dev.tributary.segmentation.definition;

import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.SegmentLanguage;
import dev.tributary.segmentation.language.SegmentQueryException;
import dev.tributary.support.problem.BadRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The definition feature's facade: validated segment rules, stored as one aggregate each. */
@Service
public class SegmentDefinitions {

    static final Duration MIN_SCHEDULE = Duration.ofMinutes(1);

    private final SegmentRepository repository;
    private final SegmentPreview preview;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final QueryLimitProperties limits;

    SegmentDefinitions(SegmentRepository repository, SegmentPreview preview, ApplicationEventPublisher events, Clock clock,
                       QueryLimitProperties limits) {
        this.repository = repository;
        this.preview = preview;
        this.events = events;
        this.clock = clock;
        this.limits = limits;
    }

    /** Validates everything before writing anything: a rejected request leaves no trace. */
    @Transactional
    public SegmentDefinition create(SegmentRequest request) {
        Segment segment = new Segment(UUID.randomUUID().toString(), clock.instant());
        define(segment, request);
        repository.save(segment);
        events.publishEvent(new SegmentEvents.Saved(segment.id(), true));
        return segment.toDefinition();
    }

    @Transactional
    public SegmentDefinition update(String id, SegmentRequest request) {
        Segment segment = repository.findById(id).orElseThrow(() -> new SegmentNotFoundException(id));
        define(segment, request);
        repository.saveAndFlush(segment);
        events.publishEvent(new SegmentEvents.Saved(id, false));
        return segment.toDefinition();
    }

    /** Listeners of {@link SegmentEvents.Deleting} publish the members' exits in this transaction. */
    @Transactional
    public void delete(String id) {
        Segment segment = repository.findById(id).orElseThrow(() -> new SegmentNotFoundException(id));
        events.publishEvent(new SegmentEvents.Deleting(segment.toDefinition()));
        repository.delete(segment);
    }

    @Transactional(readOnly = true)
    public SegmentDefinition get(String id) {
        return find(id).orElseThrow(() -> new SegmentNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public Optional<SegmentDefinition> find(String id) {
        return repository.findById(id).map(Segment::toDefinition);
    }

    @Transactional(readOnly = true)
    public List<SegmentDefinition> list() {
        return repository.findAllByOrderByCreatedAtAsc().stream().map(Segment::toDefinition).toList();
    }

    public PreviewResponse preview(PreviewRequest request) {
        Audience audience = SegmentDefinition.audienceOf(request.audience());
        return preview.preview(compile(audience, request.query()), clock.instant());
    }

    private void define(Segment segment, SegmentRequest request) {
        Audience audience = SegmentDefinition.audienceOf(request.audience());
        CompiledSegment compiled = compile(audience, request.query());
        checkReferences(segment.id(), audience, compiled);
        String schedule = validSchedule(request.schedule());
        String evaluation = request.evaluation() == null ? EvaluationMode.BATCH.wireName() : request.evaluation();
        segment.define(request.name().trim(), request.audience(), request.query(), compiled.normalisedQuery(),
                evaluation, schedule, clock.instant());
    }

    /** Within the API's limits ({@link QueryLimitProperties}): text longer or nested deeper is refused, located. */
    private CompiledSegment compile(Audience audience, String query) {
        try {
            return SegmentLanguage.compile(audience, query, limits.limits());
        } catch (SegmentQueryException e) {
            throw new InvalidSegmentQueryException(e);
        }
    }

    /** inSegment() must name an existing segment of the same audience, without a cycle back to this one. */
    private void checkReferences(String selfId, Audience audience, CompiledSegment compiled) {
        Set<String> seen = new HashSet<>();
        List<String> pending = new ArrayList<>(compiled.referencedSegments());
        boolean direct = true;
        while (!pending.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String ref : pending) {
                if (ref.equals(selfId)) {
                    throw new InvalidSegmentQueryException("inSegment(\"" + ref + "\") makes the segment depend on itself");
                }
                if (!seen.add(ref)) {
                    continue;
                }
                Optional<SegmentDefinition> referenced = find(ref);
                if (referenced.isEmpty()) {
                    if (direct) {
                        throw new InvalidSegmentQueryException("inSegment(\"" + ref + "\"): no such segment");
                    }
                    continue;
                }
                if (direct && referenced.get().audience() != audience) {
                    throw new InvalidSegmentQueryException("inSegment(\"" + ref + "\") is a segment of "
                            + referenced.get().audienceName() + "s, not of " + audience.name().toLowerCase() + "s");
                }
                next.addAll(referenced.get().compile().referencedSegments());
            }
            pending = next;
            direct = false;
        }
    }

    private static String validSchedule(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return null;
        }
        try {
            Duration duration = Duration.parse(schedule.trim());
            if (duration.compareTo(MIN_SCHEDULE) < 0) {
                throw scheduleError("must be at least PT1M");
            }
            return duration.toString();
        } catch (DateTimeParseException e) {
            throw scheduleError("must be an ISO-8601 duration such as PT1H or P1D");
        }
    }

    private static BadRequestException scheduleError(String message) {
        return new BadRequestException("Invalid request", "The request has invalid fields",
                List.of(Map.of("field", "schedule", "message", message)));
    }
}
