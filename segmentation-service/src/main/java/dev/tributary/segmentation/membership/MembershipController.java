package dev.tributary.segmentation.membership;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/v1/segments/{segmentId}")
class MembershipController {

    private final Memberships memberships;

    MembershipController(Memberships memberships) {
        this.memberships = memberships;
    }

    record HistoryResponse(List<HistoryEntry> items) {
    }

    @GetMapping("/members")
    MembersPage members(@PathVariable String segmentId, @RequestParam(defaultValue = "100") int limit,
                        @RequestParam(required = false) String cursor) {
        return memberships.members(segmentId, limit, cursor);
    }

    @GetMapping("/members/{entityId}/explanation")
    Explanation explanation(@PathVariable String segmentId, @PathVariable String entityId) {
        return memberships.explain(segmentId, entityId);
    }

    @GetMapping("/history")
    HistoryResponse history(@PathVariable String segmentId, @RequestParam(required = false) String entityId) {
        return new HistoryResponse(memberships.history(segmentId, entityId));
    }
}
