package dev.tributary.segmentation.evaluation;

import java.util.Collection;

/** Which entities an evaluation decides about: everybody, or only some ids (streaming, time re-checks). */
record Scope(String[] ids) {

    static final Scope ALL = new Scope(null);

    static Scope among(Collection<String> ids) {
        return new Scope(ids.toArray(String[]::new));
    }

    boolean restricted() {
        return ids != null;
    }
}
