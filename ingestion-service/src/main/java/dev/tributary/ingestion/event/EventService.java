package dev.tributary.ingestion.event;

import dev.tributary.ingestion.IngestionProperties;
import dev.tributary.ingestion.IngestionMeters;
import dev.tributary.ingestion.publish.OutgoingMessage;
import dev.tributary.ingestion.publish.XdmMessages;
import dev.tributary.ingestion.publish.XdmPublisher;
import dev.tributary.ingestion.source.SourceService;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The event feature's facade: experience events, validated one by one and published. */
@Service
public class EventService {

    private final SourceService sources;
    private final XdmMessages messages;
    private final XdmPublisher publisher;
    private final IngestionProperties properties;
    private final IngestionMeters meters;
    private final JsonMapper mapper = XdmJson.mapper();
    /** Reads one event of the stream; the parser goes on to the next, so what follows the event is no error. */
    private final ObjectReader eventReader = mapper.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    EventService(SourceService sources, XdmMessages messages, XdmPublisher publisher, IngestionProperties properties,
                 IngestionMeters meters) {
        this.sources = sources;
        this.messages = messages;
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Reads the body one event at a time: the body limit bounds it, and no tree of the whole body is built.
     *
     * @param body     one event object or an array of them
     * @param sourceId the source the events come from, or null
     */
    public EventsResponse ingest(InputStream body, String sourceId) {
        String source = sourceId == null ? null : sources.requireExisting(sourceId).toString();
        Outcomes outcomes = new Outcomes(properties.maxRejectedLines());
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidEventsBodyException("an empty body");
            }
            if (first == JsonToken.START_OBJECT) {
                outcomes.validate(source, eventReader.readValue(parser));
            } else if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token == null) {
                        throw new MalformedEventsBodyException("the array is not closed");
                    }
                    outcomes.validate(source, eventReader.readValue(parser));
                }
            } else {
                throw new InvalidEventsBodyException("a JSON " + kind(first));
            }
            if (parser.nextToken() != null) {
                throw new InvalidEventsBodyException("more than one JSON value");
            }
        } catch (JacksonException e) {
            throw new MalformedEventsBodyException(e.getOriginalMessage());
        }
        try {
            publisher.publishAll(outcomes.accepted);
        } finally {
            // events Kafka did not acknowledge are not accepted: the caller sends them again
            meters.events(source, 0, outcomes.rejected);
        }
        meters.events(source, outcomes.accepted.size(), 0);
        return new EventsResponse(outcomes.accepted.size(), outcomes.rejected, outcomes.listed, outcomes.errors);
    }

    private final class Outcomes {
        final List<OutgoingMessage> accepted = new ArrayList<>();
        final List<IndexError> errors = new ArrayList<>();
        final int maxListed;
        int index;
        int rejected;
        int listed;

        Outcomes(int maxListed) {
            this.maxListed = maxListed;
        }

        void validate(String source, JsonNode event) {
            int at = index++;
            XdmMessages.Outcome outcome = messages.event(source, event);
            if (outcome.message() == null) {
                reject(at, outcome.errors());
                return;
            }
            accepted.add(outcome.message());
        }

        /** The first ones are listed, the rest counted: a body of empty objects must not echo millions of errors. */
        void reject(int at, List<String> messages) {
            rejected++;
            if (listed < maxListed) {
                listed++;
                messages.forEach(m -> errors.add(new IndexError(at, m)));
            }
        }
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase();
        };
    }
}
