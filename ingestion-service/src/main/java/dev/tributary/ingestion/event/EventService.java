package dev.tributary.ingestion.event;

import dev.tributary.ingestion.IngestionMeters;
import dev.tributary.ingestion.publish.OutgoingMessage;
import dev.tributary.ingestion.publish.XdmPublisher;
import dev.tributary.ingestion.source.SourceService;
import dev.tributary.xdm.Identity;
import dev.tributary.xdm.messaging.EventMessage;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.model.ExperienceEvent;
import dev.tributary.xdm.validation.EventValidation;
import dev.tributary.xdm.validation.XdmValidator;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The event feature's facade: experience events, validated one by one and published. */
@Service
public class EventService {

    private final SourceService sources;
    private final XdmValidator validator;
    private final XdmPublisher publisher;
    private final IngestionMeters meters;

    EventService(SourceService sources, XdmValidator validator, XdmPublisher publisher, IngestionMeters meters) {
        this.sources = sources;
        this.validator = validator;
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * @param body     one event object or an array of them
     * @param sourceId the source the events come from, or null
     */
    public EventsResponse ingest(JsonNode body, String sourceId) {
        String source = sourceId == null ? null : sources.requireExisting(sourceId).toString();
        List<JsonNode> events = eventsOf(body);
        List<OutgoingMessage> accepted = new ArrayList<>();
        List<IndexError> errors = new ArrayList<>();
        int rejected = 0;
        for (int index = 0; index < events.size(); index++) {
            EventValidation validation = validator.validateEvent(events.get(index));
            if (!validation.valid()) {
                rejected++;
                int at = index;
                validation.errors().forEach(e -> errors.add(new IndexError(at, e.toString())));
                continue;
            }
            accepted.add(publisher.envelope(Topics.XDM_EVENTS, personIdentity(validation.event()),
                    new EventMessage(source, validation.normalised())));
        }
        try {
            publisher.publishAll(accepted);
        } finally {
            // events Kafka did not acknowledge are not accepted: the caller sends them again
            meters.events(source, 0, rejected);
        }
        meters.events(source, accepted.size(), 0);
        return new EventsResponse(accepted.size(), rejected, errors);
    }

    private static List<JsonNode> eventsOf(JsonNode body) {
        if (body != null && body.isObject()) {
            return List.of(body);
        }
        if (body != null && body.isArray()) {
            List<JsonNode> events = new ArrayList<>(body.size());
            body.forEach(events::add);
            return events;
        }
        throw new InvalidEventsBodyException(body == null ? "an empty body" : "a JSON " + body.getNodeType().name().toLowerCase());
    }

    /**
     * The key keeps a person's events in one partition, in order. The validator guarantees a personKey
     * or an identity; null (any partition) only covers identities whose ids are all null.
     */
    private static String personIdentity(ExperienceEvent event) {
        if (event.personKey() != null) {
            return event.personKey().sourceKey();
        }
        return event.identityMap().identities().findFirst().map(Identity::toString).orElse(null);
    }
}
