package dev.tributary.segmentation.evaluation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;

@RestController
@RequestMapping("/v1/segments/{segmentId}/evaluations")
class EvaluationController {

    private final SegmentEvaluations evaluations;

    EvaluationController(SegmentEvaluations evaluations) {
        this.evaluations = evaluations;
    }

    record EvaluationResponse(String id, String segmentId, String trigger, String status, Instant startedAt,
                              Instant finishedAt, Long members, Long entered, Long exited, Long durationMs, String error) {

        static EvaluationResponse of(EvaluationStatus s) {
            return new EvaluationResponse(s.id(), s.segmentId(), s.trigger(), s.status(), s.startedAt(), s.finishedAt(),
                    s.members(), s.entered(), s.exited(), s.durationMs(), s.error());
        }
    }

    @PostMapping
    ResponseEntity<EvaluationResponse> request(@PathVariable String segmentId) {
        EvaluationStatus queued = evaluations.request(segmentId, SegmentEvaluations.MANUAL);
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentRequest()
                        .path("/{id}").buildAndExpand(queued.id()).toUri())
                .body(EvaluationResponse.of(queued));
    }

    @GetMapping("/{evaluationId}")
    EvaluationResponse get(@PathVariable String segmentId, @PathVariable String evaluationId) {
        return EvaluationResponse.of(evaluations.evaluation(segmentId, evaluationId));
    }
}
