package dev.tributary.profile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Set;

/**
 * @param identity guardrails of the identity graph
 * @param merge how attributes of several fragments become one unified value
 */
@Validated
@ConfigurationProperties("cdp.profile")
public record ProfileProperties(@DefaultValue Identity identity, @DefaultValue Merge merge) {

    /**
     * @param blockedValues identity values that never link anything (compared lower-cased)
     * @param blockedEmailDomains email domains used for tests and placeholders
     * @param maxIdentitiesPerNamespace identities one fragment may declare in one namespace; the rest are refused
     * @param maxFragmentsPerIdentity an identity shared by more fragments is a hub and stops linking (graph collapse guard)
     */
    public record Identity(
            @DefaultValue({"test@test.com", "null", "none", "n/a", "na", "unknown", "undefined", "noreply@noreply.com",
                    "no-reply@example.com", "test@example.com", "-", "0"}) Set<String> blockedValues,
            @DefaultValue({"example.com", "example.org", "test.com", "mailinator.com"}) Set<String> blockedEmailDomains,
            @DefaultValue("20") @Min(1) int maxIdentitiesPerNamespace,
            @DefaultValue("50") @Min(2) int maxFragmentsPerIdentity) {
    }

    /**
     * @param policy {@code timestamp} (newest non-empty value wins) or {@code source-precedence}
     * @param sourcePrecedence source types from most to least trusted, for {@code source-precedence}
     */
    public record Merge(@DefaultValue("timestamp") String policy,
                        @DefaultValue({"MDM", "Salesforce", "Dynamics", "Marketo"}) List<String> sourcePrecedence) {
    }
}
