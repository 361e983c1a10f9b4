package dev.tributary.ingestion.connector;

import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What one read returned.
 *
 * @param records XDM records as a batch line holds them: {@code {"class": "person", "data": {...}}}
 * @param events  experience events as {@code POST /v1/events} takes them
 * @param cursor  where the next read starts once these are published; stored as is, so it must be self-contained
 * @param last    the stream has nothing more now; the next run starts from {@code cursor}
 */
public record Page(List<ObjectNode> records, List<ObjectNode> events, String cursor, boolean last) {

    public Page {
        records = List.copyOf(records);
        events = List.copyOf(events);
    }

    public static Page of(List<ObjectNode> records, String cursor, boolean last) {
        return new Page(records, List.of(), cursor, last);
    }
}
