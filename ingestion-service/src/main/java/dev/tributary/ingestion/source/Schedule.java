package dev.tributary.ingestion.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When a connector source runs by itself: every {@code interval} (ISO-8601, at least a minute) or on a Spring
 * {@code cron} expression (six fields, UTC). One of the two.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(String interval, String cron) {

    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    /** Where the schedule is wrong, located at {@code schedule.interval} or {@code schedule.cron}; empty when valid. */
    List<Map<String, Object>> errors() {
        List<Map<String, Object>> errors = new ArrayList<>();
        if ((interval == null) == (cron == null)) {
            errors.add(SourceErrors.at("schedule", "give exactly one of interval (ISO-8601 duration, e.g. PT1H) and cron "
                    + "(e.g. 0 0 * * * *)"));
            return errors;
        }
        if (interval != null) {
            try {
                if (Duration.parse(interval).compareTo(MIN_INTERVAL) < 0) {
                    errors.add(SourceErrors.at("schedule.interval", "must be at least PT1M"));
                }
            } catch (DateTimeParseException e) {
                errors.add(SourceErrors.at("schedule.interval", "is not an ISO-8601 duration such as PT1H: '" + interval + "'"));
            }
        } else {
            try {
                CronExpression.parse(cron);
            } catch (IllegalArgumentException e) {
                errors.add(SourceErrors.at("schedule.cron", "is not a cron expression (six fields: second minute hour "
                        + "day month weekday): " + e.getMessage()));
            }
        }
        return errors;
    }

    /** The first time at or after which a run is due, given the last run's start (or the source's creation). */
    public Instant nextAfter(Instant last, boolean neverRan) {
        if (interval != null) {
            return neverRan ? last : last.plus(Duration.parse(interval));
        }
        var next = CronExpression.parse(cron).next(last.atZone(ZoneOffset.UTC));
        return next == null ? Instant.MAX : next.toInstant();
    }
}
