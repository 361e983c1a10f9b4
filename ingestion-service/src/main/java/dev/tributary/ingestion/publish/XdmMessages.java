package dev.tributary.ingestion.publish;

import dev.tributary.ingestion.IngestionProperties;
import dev.tributary.xdm.Identity;
import dev.tributary.xdm.messaging.EventMessage;
import dev.tributary.xdm.messaging.RecordMessage;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.model.ExperienceEvent;
import dev.tributary.xdm.validation.EventValidation;
import dev.tributary.xdm.validation.RecordValidation;
import dev.tributary.xdm.validation.ValidationError;
import dev.tributary.xdm.validation.XdmValidator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The door every record line and event passes, whoever brings it (a batch, {@code POST /v1/events}, a connector run):
 * validated against XDM and the source's writable instances, then enveloped as the Kafka message it becomes (ADR 0023).
 */
@Component
public class XdmMessages {

    /** A checked record line: its validation when valid, else why not. */
    public record CheckedRecord(RecordValidation validation, List<ValidationError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A message ready to publish, or why it cannot be. */
    public record Outcome(OutgoingMessage message, List<String> errors) {

        static Outcome rejected(String error) {
            return new Outcome(null, List.of(error));
        }
    }

    private final XdmValidator validator;
    private final XdmPublisher publisher;
    private final long maxMessageBytes;

    XdmMessages(XdmValidator validator, XdmPublisher publisher, IngestionProperties properties) {
        this.validator = validator;
        this.publisher = publisher;
        this.maxMessageBytes = properties.maxMessageBytes().toBytes();
    }

    /**
     * Checks a line {@code {"class","data"}}: its shape, its record against XDM, and that its own key belongs to an
     * instance the source may write.
     */
    public static CheckedRecord checkRecord(XdmValidator validator, JsonNode line, Set<String> writable) {
        if (line == null || !line.isObject()) {
            return new CheckedRecord(null, List.of(new ValidationError("", "line is not a JSON object: found "
                    + (line == null ? "nothing" : line.getNodeType().name().toLowerCase()))));
        }
        JsonNode xdmClass = line.get("class");
        JsonNode data = line.get("data");
        if (xdmClass == null || !xdmClass.isString() || data == null || !data.isObject()) {
            List<ValidationError> envelopeErrors = new ArrayList<>(2);
            if (xdmClass == null || !xdmClass.isString()) {
                envelopeErrors.add(new ValidationError("/class", "is required: a string naming the XDM class"));
            }
            if (data == null || !data.isObject()) {
                envelopeErrors.add(new ValidationError("/data", "is required: the record as a JSON object"));
            }
            return new CheckedRecord(null, envelopeErrors);
        }
        RecordValidation validation = validator.validateRecord(xdmClass.stringValue(), data);
        if (!validation.valid()) {
            return new CheckedRecord(validation, validation.errors());
        }
        String instance = validation.key().sourceInstanceId();
        if (!writable.contains(instance)) {
            return new CheckedRecord(validation, List.of(new ValidationError("/" + validation.xdmClass().primaryKeyField(),
                    "the record's own key belongs to source instance '" + instance + "', which this source may not"
                            + " write (it writes " + String.join(", ", writable.stream().sorted().toList())
                            + "; declare more in the source's instanceIds)")));
        }
        return new CheckedRecord(validation, List.of());
    }

    public CheckedRecord checkRecord(JsonNode line, Set<String> writable) {
        return checkRecord(validator, line, writable);
    }

    /**
     * The message of a valid record, or null with the error when it would be larger than a Kafka message may be.
     *
     * @param batchId the batch (or connector run) it arrived in
     * @param line    its line in the batch (its position in the run)
     */
    public OutgoingMessage recordMessage(String sourceId, String batchId, int line, RecordValidation validation) {
        return publisher.envelope(Topics.XDM_RECORDS, validation.key().sourceKey(),
                new RecordMessage(sourceId, batchId, line, validation.xdmClass().jsonName(), validation.normalised()));
    }

    /** Null when the message fits, else the error to report at the record's root. */
    public ValidationError sizeError(OutgoingMessage message, String what) {
        if (!message.largerThan(maxMessageBytes)) {
            return null;
        }
        return new ValidationError("", "the " + what + " is larger than a Kafka message may be once normalised ("
                + maxMessageBytes + " bytes, cdp.ingestion.max-message-bytes)");
    }

    /** Validates an experience event and envelopes it, keyed by its person so a person's events stay in order. */
    public Outcome event(String sourceId, JsonNode event) {
        EventValidation validation = validator.validateEvent(event);
        if (!validation.valid()) {
            return new Outcome(null, validation.errors().stream().map(Object::toString).toList());
        }
        OutgoingMessage message = publisher.envelope(Topics.XDM_EVENTS, personIdentity(validation.event()),
                new EventMessage(sourceId, validation.normalised()));
        ValidationError tooLarge = sizeError(message, "event");
        return tooLarge == null ? new Outcome(message, List.of()) : Outcome.rejected(tooLarge.toString());
    }

    /**
     * The key keeps a person's events in one partition, in order: the person's source key, else the identity
     * {@link ExperienceEvent#personIdentity()} chooses; null (any partition) only when every identity id is null.
     */
    private static String personIdentity(ExperienceEvent event) {
        return event.personIdentity()
                .map(i -> i.namespace().equals(Identity.B2B_PERSON) ? i.value() : i.toString())
                .orElse(null);
    }
}
