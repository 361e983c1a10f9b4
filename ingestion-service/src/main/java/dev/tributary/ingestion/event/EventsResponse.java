package dev.tributary.ingestion.event;

import java.util.List;

/**
 * @param rejectedListed how many rejected events {@code errors} describes: the first cdp.ingestion.max-rejected-lines
 */
public record EventsResponse(int accepted, int rejected, int rejectedListed, List<IndexError> errors) {
}
