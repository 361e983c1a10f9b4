package dev.tributary.profile.query;

import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.query.ProfileViews.AccountProfile;
import dev.tributary.profile.query.ProfileViews.EventPage;
import dev.tributary.profile.query.ProfileViews.Guardrails;
import dev.tributary.profile.query.ProfileViews.PersonProfile;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@RequestMapping("/v1")
class ProfileController {

    private final ProfileQueries queries;

    ProfileController(ProfileQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/persons/{id}")
    PersonProfile person(@PathVariable String id) {
        return queries.person(id);
    }

    @GetMapping(value = "/persons", params = "identity")
    PersonProfile personByIdentity(@RequestParam String identity) {
        return queries.person(queries.idByIdentity(ProfileKind.PERSON, identity));
    }

    @GetMapping("/persons/{id}/events")
    EventPage events(@PathVariable String id,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return queries.events(id, from, to);
    }

    @GetMapping("/accounts/{id}")
    AccountProfile account(@PathVariable String id) {
        return queries.account(id);
    }

    @GetMapping(value = "/accounts", params = "identity")
    AccountProfile accountByIdentity(@RequestParam String identity) {
        return queries.account(queries.idByIdentity(ProfileKind.ACCOUNT, identity));
    }

    @GetMapping("/guardrails")
    Guardrails guardrails() {
        return queries.guardrails();
    }
}
