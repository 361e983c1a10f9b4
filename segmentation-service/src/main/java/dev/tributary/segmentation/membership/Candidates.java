package dev.tributary.segmentation.membership;

import java.util.Collection;

/** Which entities an evaluation decides about: everybody, or only some ids (streaming, time re-checks). */
public record Candidates(String[] ids) {

    public static final Candidates ALL = new Candidates(null);

    public static Candidates among(Collection<String> ids) {
        return new Candidates(ids.toArray(String[]::new));
    }

    boolean restricted() {
        return ids != null;
    }
}
