package dev.tributary.xdm.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The shared JSON mapping for XDM records, envelopes and payloads. */
public final class XdmJson {

    // JsonMapper is immutable and thread-safe in Jackson 3, so one instance serves everyone.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private XdmJson() {
    }

    /** ISO-8601 instants, unknown properties ignored, nulls omitted. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
