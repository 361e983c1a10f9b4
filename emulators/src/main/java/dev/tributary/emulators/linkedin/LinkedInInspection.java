package dev.tributary.emulators.linkedin;

import dev.tributary.emulators.LimitMode;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The inspection API's view of the LinkedIn emulator. */
@Component
public class LinkedInInspection {

    private final LinkedInEmulator linkedIn;

    LinkedInInspection(LinkedInEmulator linkedIn) {
        this.linkedIn = linkedIn;
    }

    public LinkedInEmulator emulator() {
        return linkedIn;
    }

    public Map<String, Object> state() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", linkedIn.settings());
        json.put("stats", linkedIn.stats().snapshot().toJson());
        json.put("pendingFaults", linkedIn.faults().pending());
        json.put("segments", linkedIn.segments());
        return json;
    }

    public Map<String, Object> limits(LimitMode mode, Integer usersPerMinute, Integer companiesPerMinute,
                                      Integer notFoundCalls, Long notFoundForMillis) {
        if (usersPerMinute != null || companiesPerMinute != null) {
            int users = usersPerMinute == null ? (Integer) linkedIn.settings().get("usersCallsPerMinute") : usersPerMinute;
            int companies = companiesPerMinute == null ? (Integer) linkedIn.settings().get("companiesCallsPerMinute")
                    : companiesPerMinute;
            if (users < 0 || companies < 0) {
                throw new IllegalArgumentException("usersCallsPerMinute and companiesCallsPerMinute must be >= 0");
            }
            linkedIn.callsPerMinute(users, companies);
        }
        if (notFoundCalls != null || notFoundForMillis != null) {
            int calls = notFoundCalls == null ? (Integer) linkedIn.settings().get("newSegmentNotFoundCalls") : notFoundCalls;
            long millis = notFoundForMillis == null ? (Long) linkedIn.settings().get("newSegmentNotFoundForMillis")
                    : notFoundForMillis;
            linkedIn.newSegmentsNotFound(calls, Duration.ofMillis(millis));
        }
        if (mode != null) {
            linkedIn.limitMode(mode);
        }
        return linkedIn.settings();
    }
}
