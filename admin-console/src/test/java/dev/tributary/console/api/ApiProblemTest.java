package dev.tributary.console.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemTest {

    @Test
    void shouldPutAFieldErrorUnderItsFormField() {
        ApiProblem problem = ApiProblem.of(400, Map.of("title", "Bad Request",
                "errors", List.of(Map.of("field", "config.munchkinId", "message", "is required"))));

        assertThat(problem.errorsFor("config.munchkinId")).containsExactly("is required");
        assertThat(problem.unplaced(List.of("name", "config.munchkinId"))).isEmpty();
    }

    @Test
    void shouldTurnAJsonPointerIntoTheDottedFieldName() {
        ApiProblem problem = ApiProblem.of(400, Map.of("errors", List.of(
                Map.of("pointer", "/config/baseUrl", "message", "must be a URL"),
                Map.of("field", "/name", "message", "is required"))));

        assertThat(problem.errorsFor("config.baseUrl")).containsExactly("must be a URL");
        assertThat(problem.errorsFor("name")).containsExactly("is required");
    }

    @Test
    void shouldPutARulesLineAndColumnUnderTheQueryField() {
        ApiProblem problem = ApiProblem.of(400, Map.of("errors", List.of(Map.of("line", 2, "column", 7, "message", "unexpected '>'"))));

        assertThat(problem.errorsFor(ApiProblem.QUERY)).containsExactly("line 2, column 7: unexpected '>'");
    }

    @Test
    void shouldListWhatNoFieldOfTheFormShowsWithItsFieldName() {
        ApiProblem problem = ApiProblem.of(400, Map.of("errors", List.of(
                Map.of("field", "schedule.cron", "message", "is not a cron expression"),
                Map.of("message", "the source type is unknown"))));

        assertThat(problem.unplaced(List.of("name"))).containsExactly("the source type is unknown",
                "schedule.cron: is not a cron expression");
    }

    @Test
    void shouldSayTheServiceIsUnreachableWhenNothingAnswered() {
        assertThat(ApiProblem.of(0, Map.of()).title()).isEqualTo("Service unreachable");
        assertThat(ApiProblem.of(503, Map.of("title", "Service Unavailable", "detail", "took longer than 30 s")).detail())
                .isEqualTo("took longer than 30 s");
    }
}
