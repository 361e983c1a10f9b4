package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.definition.SegmentEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** A new or edited rule is evaluated in full at once, so it starts with its members; a deleted one lets them go. */
@Component
class SegmentLifecycle {

    private final SegmentEvaluations evaluations;

    SegmentLifecycle(SegmentEvaluations evaluations) {
        this.evaluations = evaluations;
    }

    @TransactionalEventListener
    void onSaved(SegmentEvents.Saved saved) {
        evaluations.request(saved.segmentId(), saved.created() ? "created" : "updated");
    }

    @EventListener
    void onDeleting(SegmentEvents.Deleting deleting) {
        evaluations.exitAll(deleting.segment());
    }
}
