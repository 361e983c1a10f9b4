package dev.tributary.support.web;

import java.util.List;

/** The calls of a service with a body limit of their own, first match wins; declared as one bean per service. */
public record BodyLimits(List<BodyLimit> limits) {

    public static BodyLimits of(BodyLimit... limits) {
        return new BodyLimits(List.of(limits));
    }
}
