package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.IngestionProperties;
import dev.tributary.ingestion.publish.OutgoingMessage;
import dev.tributary.ingestion.publish.PublishFailedException;
import dev.tributary.ingestion.publish.PublishedOffsets;
import dev.tributary.ingestion.publish.XdmPublisher;
import dev.tributary.ingestion.source.SourceService;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.RecordMessage;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.validation.RecordValidation;
import dev.tributary.xdm.validation.ValidationError;
import dev.tributary.xdm.validation.XdmValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The batch feature's facade: NDJSON record batches, validated line by line and published. */
@Service
public class BatchService {

    private static final Logger log = LoggerFactory.getLogger(BatchService.class);

    private final SourceService sources;
    private final XdmValidator validator;
    private final XdmPublisher publisher;
    private final BatchRepository batches;
    private final IngestionProperties properties;
    private final BatchOffsetsRepository batchOffsets;
    private final AppliedRecords applied;
    private final JsonMapper mapper = XdmJson.mapper();

    BatchService(SourceService sources, XdmValidator validator, XdmPublisher publisher, BatchRepository batches,
                 IngestionProperties properties, BatchOffsetsRepository batchOffsets, AppliedRecords applied) {
        this.sources = sources;
        this.validator = validator;
        this.publisher = publisher;
        this.batches = batches;
        this.properties = properties;
        this.batchOffsets = batchOffsets;
        this.applied = applied;
    }

    /**
     * Validates every line, publishes the valid ones and waits for Kafka, then records the batch.
     * The whole body is read before anything is sent, because an oversize body or one that is not
     * NDJSON at all must publish nothing.
     *
     * @param contentLength the declared body size, or -1 if the body is chunked
     */
    public BatchResponse ingest(String sourceId, InputStream body, long contentLength) {
        UUID source = sources.requireExisting(sourceId);
        long maxBytes = properties.maxBatchBytes().toBytes();
        if (contentLength > maxBytes) {
            throw new BatchTooLargeException(maxBytes);
        }
        UUID batchId = UUID.randomUUID();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LineOutcomes outcomes = validateLines(source, batchId, new SizeLimitedInputStream(body, maxBytes));
        if (outcomes.nonBlankLines > 0 && outcomes.jsonLines == 0) {
            RejectedLine first = outcomes.rejected.get(0);
            throw new NotNdjsonException(first.line(), first.errors().get(0).message());
        }
        int rejected = outcomes.rejected.size();
        PublishedOffsets published;
        try {
            published = publisher.publishAll(outcomes.accepted);
        } catch (PublishFailedException e) {
            log.warn("Batch {} of source {} failed to publish", batchId, source, e);
            batches.insert(new BatchRepository.BatchRow(batchId, source, BatchStatus.FAILED, receivedAt, 0, rejected),
                    String.valueOf(e.getCause()), outcomes.rejected);
            throw new PublishFailedException("Kafka did not acknowledge the records of batch " + batchId
                    + ", which is recorded as failed: nothing was accepted, send the batch again", e.getCause());
        }
        int accepted = outcomes.accepted.size();
        // before the batch row: a batch row always has its offsets, for its applied count (ADR 0020)
        batchOffsets.insert(batchId, published);
        batches.insert(new BatchRepository.BatchRow(batchId, source, BatchStatus.COMPLETED, receivedAt, accepted, rejected),
                null, outcomes.rejected);
        // a line per batch at INFO floods the log under streaming traffic (tens of small batches a second);
        // batches with rejected lines are what an operator has to look at
        if (rejected > 0) {
            log.info("Batch {} of source {}: {} records accepted, {} rejected", batchId, source, accepted, rejected);
        } else {
            log.debug("Batch {} of source {}: {} records accepted", batchId, source, accepted);
        }
        return new BatchResponse(batchId, accepted, rejected, errorsOf(outcomes.rejected));
    }

    public BatchStatusResponse status(String batchId) {
        UUID id = parseId(batchId);
        BatchRepository.BatchRow batch = batches.find(id).orElseThrow(() -> new BatchNotFoundException(batchId));
        List<RejectedLine> rejected = batches.rejectedLines(id);
        return new BatchStatusResponse(batch.id(), batch.sourceId(), batch.status().name().toLowerCase(),
                batch.receivedAt(), batch.accepted(), batch.rejected(), errorsOf(rejected),
                rejected.stream().map(r -> new RejectedLineResponse(r.line(), r.content(), r.errors())).toList(),
                applied.count(id, batch.accepted()));
    }

    private static final class LineOutcomes {
        final List<OutgoingMessage> accepted = new ArrayList<>();
        final List<RejectedLine> rejected = new ArrayList<>();
        int nonBlankLines;
        int jsonLines;
    }

    private LineOutcomes validateLines(UUID source, UUID batchId, InputStream body) {
        LineOutcomes outcomes = new LineOutcomes();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String content;
            int lineNo = 0;
            while ((content = reader.readLine()) != null) {
                lineNo++;
                if (content.isBlank()) {
                    continue;
                }
                outcomes.nonBlankLines++;
                JsonNode line;
                try {
                    line = mapper.readTree(content);
                } catch (JacksonException e) {
                    outcomes.rejected.add(rejected(lineNo, content, "", "line is not a JSON object: " + e.getOriginalMessage()));
                    continue;
                }
                outcomes.jsonLines++;
                validateLine(source, batchId, lineNo, content, line, outcomes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the batch body", e);
        }
        return outcomes;
    }

    private void validateLine(UUID source, UUID batchId, int lineNo, String content, JsonNode line, LineOutcomes outcomes) {
        if (!line.isObject()) {
            outcomes.rejected.add(rejected(lineNo, content, "",
                    "line is not a JSON object: found " + line.getNodeType().name().toLowerCase()));
            return;
        }
        JsonNode xdmClass = line.get("class");
        JsonNode data = line.get("data");
        List<ValidationError> envelopeErrors = new ArrayList<>();
        if (xdmClass == null || !xdmClass.isString()) {
            envelopeErrors.add(new ValidationError("/class", "is required: a string naming the XDM class"));
        }
        if (data == null || !data.isObject()) {
            envelopeErrors.add(new ValidationError("/data", "is required: the record as a JSON object"));
        }
        if (!envelopeErrors.isEmpty()) {
            outcomes.rejected.add(new RejectedLine(lineNo, content, envelopeErrors));
            return;
        }
        RecordValidation validation = validator.validateRecord(xdmClass.stringValue(), data);
        if (!validation.valid()) {
            outcomes.rejected.add(new RejectedLine(lineNo, content, validation.errors()));
            return;
        }
        RecordMessage message = new RecordMessage(source.toString(), batchId.toString(), lineNo,
                validation.xdmClass().jsonName(), validation.normalised());
        outcomes.accepted.add(publisher.envelope(Topics.XDM_RECORDS, validation.key().sourceKey(), message));
    }

    private static RejectedLine rejected(int lineNo, String content, String path, String message) {
        return new RejectedLine(lineNo, content, List.of(new ValidationError(path, message)));
    }

    private static List<LineError> errorsOf(List<RejectedLine> rejected) {
        return rejected.stream().flatMap(r -> r.lineErrors().stream()).toList();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new BatchNotFoundException(id);
        }
    }
}
