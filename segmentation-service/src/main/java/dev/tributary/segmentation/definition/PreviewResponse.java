package dev.tributary.segmentation.definition;

import java.util.List;

/** How many would qualify now, and a few of them; {@code email} for people, {@code name} for accounts. */
public record PreviewResponse(long count, String normalisedQuery, List<Sample> sample) {

    public record Sample(String id, String email, String name) {
    }
}
