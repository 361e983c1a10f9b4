package dev.tributary.ingestion.event;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class EventController {

    private final EventService events;

    EventController(EventService events) {
        this.events = events;
    }

    @PostMapping(path = "/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EventsResponse> ingest(@RequestBody JsonNode body, @RequestParam(required = false) String sourceId) {
        return ResponseEntity.accepted().body(events.ingest(body, sourceId));
    }
}
