package dev.tributary.activation.destination;

import dev.tributary.activation.destination.Destinations.DestinationRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping("/v1/destinations")
class DestinationController {

    private final Destinations destinations;
    private final DestinationTester tester;

    DestinationController(Destinations destinations, DestinationTester tester) {
        this.destinations = destinations;
        this.tester = tester;
    }

    /** A destination as the API shows it: its secrets only by name, never by value. */
    record DestinationResponse(UUID id, String name, String type, Map<String, Object> config, List<String> secretsSet,
                               Instant createdAt, Instant updatedAt) {
        static DestinationResponse of(Destination d) {
            return new DestinationResponse(d.id(), d.name(), d.type().wireName(), d.config(),
                    d.secrets().keySet().stream().sorted().toList(), d.createdAt(), d.updatedAt());
        }
    }

    record DestinationsResponse(List<DestinationResponse> items) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DestinationResponse create(@RequestBody DestinationRequest request) {
        return DestinationResponse.of(destinations.create(request));
    }

    @GetMapping
    DestinationsResponse list() {
        return new DestinationsResponse(destinations.list().stream().map(DestinationResponse::of).toList());
    }

    @GetMapping("/{id}")
    DestinationResponse get(@PathVariable String id) {
        return DestinationResponse.of(destinations.get(id));
    }

    @PutMapping("/{id}")
    DestinationResponse replace(@PathVariable String id, @RequestBody DestinationRequest request) {
        return DestinationResponse.of(destinations.replace(id, request));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        destinations.delete(id);
    }

    @PostMapping("/{id}/test")
    DestinationTester.Result test(@PathVariable String id) {
        return tester.test(destinations.get(id));
    }
}
