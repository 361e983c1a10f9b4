package dev.tributary.activation.activation;

import dev.tributary.activation.activation.Activations.ActivationRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/v1/activations")
class ActivationController {

    private final Activations activations;

    ActivationController(Activations activations) {
        this.activations = activations;
    }

    record ActivationResponse(UUID id, String segmentId, String audience, UUID destinationId, String listName, String listId,
                              String status, String lastError, Activations.Counts counts, Instant createdAt,
                              Instant updatedAt) {
    }

    record ActivationsResponse(List<ActivationResponse> items) {
    }

    record DeliveriesResponse(List<Activations.Delivery> items) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ActivationResponse create(@RequestBody ActivationRequest request) {
        return response(activations.create(request));
    }

    @GetMapping
    ActivationsResponse list() {
        return new ActivationsResponse(activations.list().stream().map(this::response).toList());
    }

    @GetMapping("/{id}")
    ActivationResponse get(@PathVariable String id) {
        return response(activations.get(id));
    }

    @GetMapping("/{id}/deliveries")
    DeliveriesResponse deliveries(@PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
        return new DeliveriesResponse(activations.deliveries(activations.get(id).id(), Math.max(1, Math.min(limit, 1000))));
    }

    @PostMapping("/{id}/reconcile")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActivationResponse reconcile(@PathVariable String id) {
        return response(activations.requestReconcile(id));
    }

    @DeleteMapping("/{id}")
    ActivationResponse stop(@PathVariable String id, @RequestParam(defaultValue = "false") boolean clear) {
        return response(activations.stop(id, clear));
    }

    private ActivationResponse response(Activation a) {
        return new ActivationResponse(a.id(), a.segmentId(), a.audience(), a.destinationId(), a.listName(), a.listId(), a.status(),
                a.lastError(), activations.counts(a.id()), a.createdAt(), a.updatedAt());
    }
}
