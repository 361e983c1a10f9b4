package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.IngestionMeters;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.publish.OutgoingMessage;
import dev.tributary.ingestion.publish.PublishFailedException;
import dev.tributary.ingestion.publish.XdmMessages;
import dev.tributary.ingestion.publish.XdmPublisher;
import dev.tributary.ingestion.source.ConnectorSource;
import dev.tributary.xdm.validation.ValidationError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a page a connector read: its records checked like a batch's lines and its events like
 * {@code POST /v1/events} ({@link XdmMessages}), sent and acknowledged by Kafka, retried with backoff (ADR 0027).
 */
@Component
class PagePublisher {

    private static final Logger log = LoggerFactory.getLogger(PagePublisher.class);

    private final XdmMessages messages;
    private final XdmPublisher publisher;
    private final ConnectorProperties properties;
    private final IngestionMeters meters;

    PagePublisher(XdmMessages messages, XdmPublisher publisher, ConnectorProperties properties, IngestionMeters meters) {
        this.messages = messages;
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
    }

    /** @throws RunFailed when Kafka did not acknowledge the page after every attempt: its cursor must not be stored */
    void publish(ActiveRun run, ConnectorSource source, String stream, Page page, RunProgress progress) {
        String sourceId = source.id().toString();
        String runId = run.runId.toString();
        List<OutgoingMessage> records = new ArrayList<>(page.records().size());
        List<OutgoingMessage> events = new ArrayList<>(page.events().size());
        int rejected = 0;
        for (ObjectNode record : page.records()) {
            progress.read++;
            XdmMessages.CheckedRecord checked = messages.checkRecord(record, source.writableInstances());
            List<ValidationError> errors = checked.errors();
            if (checked.valid()) {
                OutgoingMessage message = messages.recordMessage(sourceId, runId, progress.line + records.size() + 1,
                        checked.validation());
                ValidationError tooLarge = messages.sizeError(message, "record");
                if (tooLarge == null) {
                    records.add(message);
                    continue;
                }
                errors = List.of(tooLarge);
            }
            rejected++;
            progress.reject(stream, errors.stream().map(Object::toString).toList());
        }
        for (ObjectNode event : page.events()) {
            progress.read++;
            XdmMessages.Outcome outcome = messages.event(sourceId, event);
            if (outcome.message() != null) {
                events.add(outcome.message());
            } else {
                rejected++;
                progress.reject(stream, outcome.errors());
            }
        }
        List<OutgoingMessage> all = new ArrayList<>(records);
        all.addAll(events);
        for (int attempt = 1; ; attempt++) {
            run.checkAlive();
            try {
                publisher.publishAll(all);
                break;
            } catch (PublishFailedException e) {
                if (attempt >= properties.retryAttempts()) {
                    throw new RunFailed("stream " + stream + ": Kafka did not acknowledge the page's records (tried "
                            + attempt + " times); its cursor is not stored, the next run reads it again", null);
                }
                log.warn("Run {}: Kafka did not acknowledge a page of stream {}; attempt {} of {}", run.runId, stream,
                        attempt + 1, properties.retryAttempts());
                run.pause(properties.backoff(attempt));
            }
        }
        progress.line += records.size();
        progress.published += records.size();
        progress.events += events.size();
        progress.rejected += rejected;
        meters.records(sourceId, records.size(), rejected);
        meters.events(sourceId, events.size(), 0);
    }
}
