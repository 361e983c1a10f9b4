package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.IngestionMeters;
import dev.tributary.ingestion.IngestionProperties;
import dev.tributary.ingestion.publish.OutgoingMessage;
import dev.tributary.ingestion.publish.PublishFailedException;
import dev.tributary.ingestion.publish.PublishedOffsets;
import dev.tributary.ingestion.publish.XdmMessages;
import dev.tributary.ingestion.publish.XdmPublisher;
import dev.tributary.ingestion.source.SourceService;
import dev.tributary.xdm.validation.ValidationError;
import dev.tributary.xdm.validation.XdmValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.InputStream;
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
    private final XdmPublisher publisher;
    private final BatchRepository batches;
    private final IngestionProperties properties;
    private final NdjsonLines lines;
    private final IngestionMeters meters;
    private final BatchOffsetsRepository batchOffsets;
    private final AppliedRecords applied;
    private final XdmMessages messages;

    BatchService(SourceService sources, XdmValidator validator, XdmPublisher publisher, BatchRepository batches,
                 IngestionProperties properties, IngestionMeters meters, BatchOffsetsRepository batchOffsets,
                 AppliedRecords applied, XdmMessages messages) {
        this.sources = sources;
        this.publisher = publisher;
        this.batches = batches;
        this.properties = properties;
        this.lines = new NdjsonLines(validator, properties.maxBatchLines(), properties.maxRejectedLines());
        this.meters = meters;
        this.batchOffsets = batchOffsets;
        this.applied = applied;
        this.messages = messages;
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
        List<OutgoingMessage> accepted = new ArrayList<>();
        NdjsonLines.Outcome outcome = lines.read(new SizeLimitedInputStream(body, maxBytes), sources.writableInstances(source),
                (lineNo, validation) -> {
                    OutgoingMessage message = messages.recordMessage(source.toString(), batchId.toString(), lineNo, validation);
                    ValidationError tooLarge = messages.sizeError(message, "record");
                    if (tooLarge == null) {
                        accepted.add(message);
                    }
                    return tooLarge;
                });
        if (outcome.nonBlankLines > 0 && outcome.jsonLines == 0) {
            RejectedLine first = outcome.rejected.get(0);
            throw new NotNdjsonException(first.line(), first.errors().get(0).message());
        }
        int rejected = outcome.rejectedCount;
        PublishedOffsets published;
        try {
            published = publisher.publishAll(accepted);
        } catch (PublishFailedException e) {
            log.warn("Batch {} of source {} failed to publish", batchId, source, e);
            batches.insert(new BatchRepository.BatchRow(batchId, source, BatchStatus.FAILED, receivedAt, 0, rejected),
                    String.valueOf(e.getCause()), outcome.rejected);
            meters.records(source.toString(), 0, rejected);
            throw new PublishFailedException("Kafka did not acknowledge the records of batch " + batchId
                    + ", which is recorded as failed: nothing was accepted, send the batch again", e.getCause());
        }
        // before the batch row: a batch row always has its offsets, for its applied count (ADR 0020)
        batchOffsets.insert(batchId, published);
        batches.insert(new BatchRepository.BatchRow(batchId, source, BatchStatus.COMPLETED, receivedAt, accepted.size(), rejected),
                null, outcome.rejected);
        meters.records(source.toString(), accepted.size(), rejected);
        // a line per batch at INFO floods the log under streaming traffic (tens of small batches a second);
        // batches with rejected lines are what an operator has to look at
        if (rejected > 0) {
            log.info("Batch {} of source {}: {} records accepted, {} rejected", batchId, source, accepted.size(), rejected);
        } else {
            log.debug("Batch {} of source {}: {} records accepted", batchId, source, accepted.size());
        }
        return new BatchResponse(batchId, accepted.size(), rejected, outcome.rejected.size(), errorsOf(outcome.rejected));
    }

    public BatchStatusResponse status(String batchId) {
        UUID id = parseId(batchId);
        BatchRepository.BatchRow batch = batches.find(id).orElseThrow(() -> new BatchNotFoundException(batchId));
        List<RejectedLine> rejected = batches.rejectedLines(id);
        return new BatchStatusResponse(batch.id(), batch.sourceId(), batch.status().name().toLowerCase(),
                batch.receivedAt(), batch.accepted(), batch.rejected(), rejected.size(), errorsOf(rejected),
                rejected.stream().map(r -> new RejectedLineResponse(r.line(), r.content(), r.errors())).toList(),
                applied.count(id, batch.accepted()));
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
