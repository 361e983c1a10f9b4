package dev.tributary.ingestion.event;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

@RestController
class EventController {

    private final EventService events;

    EventController(EventService events) {
        this.events = events;
    }

    /** Takes the raw request stream: events are parsed one at a time, never as one tree of the whole body (ADR 0023). */
    @PostMapping(path = "/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EventsResponse> ingest(HttpServletRequest request, @RequestParam(required = false) String sourceId)
            throws IOException {
        return ResponseEntity.accepted().body(events.ingest(request.getInputStream(), sourceId));
    }
}
