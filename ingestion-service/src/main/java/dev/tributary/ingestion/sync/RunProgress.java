package dev.tributary.ingestion.sync;

import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What a run counted; the first rejected records' errors are kept. */
final class RunProgress {

    static final int MAX_REJECTED_LISTED = 100;

    final AtomicLong calls = new AtomicLong();
    final ArrayNode rejectedListed = XdmJson.mapper().createArrayNode();
    long read;
    long published;
    long rejected;
    long events;
    int line;

    void reject(String stream, List<String> errors) {
        if (rejectedListed.size() < MAX_REJECTED_LISTED) {
            ObjectNode entry = rejectedListed.addObject();
            entry.put("stream", stream);
            ArrayNode list = entry.putArray("errors");
            errors.forEach(list::add);
        }
    }

    RunRepository.Counts counts() {
        return new RunRepository.Counts(read, published, rejected, events, calls.get(), rejectedListed.toString());
    }
}
