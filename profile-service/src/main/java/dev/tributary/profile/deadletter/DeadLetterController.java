package dev.tributary.profile.deadletter;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of what profile-service could not apply (scope: admin). */
@RestController
@RequestMapping("/v1/dead-letters")
class DeadLetterController {

    private final DeadLetterOffice office;

    DeadLetterController(DeadLetterOffice office) {
        this.office = office;
    }

    @GetMapping
    DeadLetterOffice.Page list(@RequestParam(required = false) String status,
                               @RequestParam(defaultValue = "50") int limit,
                               @RequestParam(defaultValue = "0") long offset) {
        return office.page(status, limit, offset);
    }

    @GetMapping("/{id}")
    DeadLetter get(@PathVariable long id) {
        return office.get(id);
    }

    @PostMapping("/{id}/replay")
    DeadLetter replay(@PathVariable long id) {
        return office.replay(id);
    }
}
