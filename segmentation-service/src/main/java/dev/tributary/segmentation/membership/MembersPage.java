package dev.tributary.segmentation.membership;

import java.time.Instant;
import java.util.List;

/** {@code nextCursor} is null on the last page. */
public record MembersPage(List<Member> items, long total, String nextCursor) {

    /** {@code email} for people, {@code name} for accounts. */
    public record Member(String id, String email, String name, Instant since) {
    }
}
