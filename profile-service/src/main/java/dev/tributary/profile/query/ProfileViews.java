package dev.tributary.profile.query;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Response bodies of the profile API. */
public final class ProfileViews {

    private ProfileViews() {
    }

    /** Set when the id asked for was merged into another profile: the answer is the survivor. */
    public record Retired(String requestedId, String survivorId, String message) {
    }

    public record IdentityView(String namespace, String value) {
    }

    public record FragmentView(String sourceKey, String xdmClass, String sourceType, String sourceInstanceId,
                               Instant lastUpdated, JsonNode data) {
    }

    public record Path(String sourcePersonKey, String sourceAccountKey, String relation) {
    }

    public record RelatedAccount(String id, String name, List<Path> via) {
    }

    public record RelatedPerson(String id, String email, String firstName, String lastName, List<Path> via) {
    }

    public record OpportunityView(String id, String name, String stage, BigDecimal amount, String currency,
                                  Boolean isWon, Boolean isClosed, LocalDate closeDate, String sourceAccountKey) {
    }

    public record Totals(BigDecimal wonAmount, BigDecimal openAmount, int opportunities) {
    }

    public record PersonProfile(String id, Retired retired, Instant createdAt, Instant updatedAt,
                                List<IdentityView> identities, JsonNode attributes, List<RelatedAccount> accounts,
                                List<FragmentView> fragments) {
    }

    public record AccountProfile(String id, Retired retired, Instant createdAt, Instant updatedAt,
                                 List<IdentityView> identities, JsonNode attributes, List<RelatedPerson> people,
                                 List<OpportunityView> opportunities, Totals totals, List<FragmentView> fragments) {
    }

    public record EventView(String id, String eventType, Instant timestamp, String url, String pageName,
                            String referrer, String recordedAs) {
    }

    public record EventPage(String personId, Instant from, Instant to, List<EventView> items) {
    }

    public record Rejection(String fragmentKey, String namespace, String value, String reason, Instant rejectedAt) {
    }

    public record Hub(String entityType, String namespace, String value, int fragments, Instant detectedAt) {
    }

    public record Guardrails(List<Rejection> rejectedIdentities, List<Hub> hubIdentities) {
    }
}
