package dev.tributary.ingestion.event;

import java.util.List;

public record EventsResponse(int accepted, int rejected, List<IndexError> errors) {
}
