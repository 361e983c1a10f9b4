package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.publish.XdmMessages;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.validation.RecordValidation;
import dev.tributary.xdm.validation.ValidationError;
import dev.tributary.xdm.validation.XdmValidator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an NDJSON batch body line by line and validates each line: one {@code {"class","data"}} record a line, whose
 * primary key must belong to an instance the source may write (ADR 0023). Blank lines are skipped but counted.
 */
final class NdjsonLines {

    /** What a body held: the rejected lines kept (the first {@code maxRejected}) and how many there were. */
    static final class Outcome {
        final List<RejectedLine> rejected = new ArrayList<>();
        int rejectedCount;
        int acceptedCount;
        int nonBlankLines;
        int jsonLines;
    }

    /** Takes a valid line. */
    @FunctionalInterface
    interface Acceptor {
        /** @return null when the line is taken, else why it cannot be */
        ValidationError accept(int lineNo, RecordValidation validation);
    }

    private final XdmValidator validator;
    private final JsonMapper mapper = XdmJson.mapper();
    private final int maxLines;
    private final int maxRejected;

    NdjsonLines(XdmValidator validator, int maxLines, int maxRejected) {
        this.validator = validator;
        this.maxLines = maxLines;
        this.maxRejected = maxRejected;
    }

    /**
     * @param writable instances whose records the source may carry as their own
     * @param accepted receives each valid line's number and validation, in order, and may still refuse it
     * @throws BatchTooManyLinesException past {@code maxLines} lines
     */
    Outcome read(InputStream body, Set<String> writable, Acceptor accepted) {
        Outcome outcome = new Outcome();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String content;
            int lineNo = 0;
            while ((content = reader.readLine()) != null) {
                lineNo++;
                if (lineNo > maxLines) {
                    throw new BatchTooManyLinesException(maxLines);
                }
                if (content.isBlank()) {
                    continue;
                }
                outcome.nonBlankLines++;
                JsonNode line;
                try {
                    line = mapper.readTree(content);
                } catch (JacksonException e) {
                    reject(outcome, lineNo, content, List.of(new ValidationError("",
                            "line is not a JSON object: " + firstLine(e.getOriginalMessage()))));
                    continue;
                }
                outcome.jsonLines++;
                validateLine(lineNo, content, line, writable, outcome, accepted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the batch body", e);
        }
        return outcome;
    }

    private void validateLine(int lineNo, String content, JsonNode line, Set<String> writable, Outcome outcome,
                              Acceptor accepted) {
        XdmMessages.CheckedRecord checked = XdmMessages.checkRecord(validator, line, writable);
        if (!checked.valid()) {
            reject(outcome, lineNo, content, checked.errors());
            return;
        }
        ValidationError refused = accepted.accept(lineNo, checked.validation());
        if (refused != null) {
            reject(outcome, lineNo, content, List.of(refused));
            return;
        }
        outcome.acceptedCount++;
    }

    /** The first lines are kept with their content, the rest only counted: a body of junk must not be echoed whole. */
    private void reject(Outcome outcome, int lineNo, String content, List<ValidationError> errors) {
        outcome.rejectedCount++;
        if (outcome.rejected.size() < maxRejected) {
            outcome.rejected.add(new RejectedLine(lineNo, content, errors));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
