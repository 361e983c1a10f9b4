package dev.tributary.segmentation.language;

import java.util.List;

/**
 * The entities a rule can reach, each backed by one {@code profile_read} view (architecture.md).
 * The expressions describe a row generically for explanations; they use the alias {@code f}.
 */
public enum ProfileReadEntity {
    PERSON("person", "profile_read.person", List.of("person_id"),
            "f.email", "f.score", "CAST(NULL AS timestamptz)"),
    ACCOUNT("account", "profile_read.account", List.of("account_id"),
            "f.name", "f.annual_revenue", "CAST(NULL AS timestamptz)"),
    OPPORTUNITY("opportunity", "profile_read.opportunity", List.of("opportunity_id"),
            "f.name", "f.amount", "CAST(f.close_date AS timestamptz)"),
    // Memberships have no id of their own: a person's membership of one campaign/list is the entity.
    CAMPAIGN_MEMBERSHIP("campaign", "profile_read.campaign_membership", List.of("person_id", "campaign_id"),
            "f.name", "CAST(NULL AS numeric)", "f.membership_date"),
    LIST_MEMBERSHIP("list", "profile_read.list_membership", List.of("person_id", "list_id"),
            "f.name", "CAST(NULL AS numeric)", "CAST(NULL AS timestamptz)"),
    EVENT("event", "profile_read.event", List.of("event_id"),
            "concat_ws(' ', f.event_type, f.url)", "CAST(NULL AS numeric)", "f.ts");

    private final String factType;
    private final String view;
    private final List<String> keyColumns;
    final String labelSql;
    final String amountSql;
    final String atSql;

    ProfileReadEntity(String factType, String view, List<String> keyColumns, String labelSql, String amountSql, String atSql) {
        this.factType = factType;
        this.view = view;
        this.keyColumns = keyColumns;
        this.labelSql = labelSql;
        this.amountSql = amountSql;
        this.atSql = atSql;
    }

    /** Name used in messages, docs and the {@code fact_type} column of explanations. */
    public String factType() {
        return factType;
    }

    public String view() {
        return view;
    }

    /** Columns identifying one distinct entity; aggregates count each key once. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /**
     * Whether profile-service announces a change of such an entity as a change of an account (accounts,
     * opportunities) rather than of a person (people, events, campaign and list memberships); the view's
     * {@code account_id} or {@code person_id} column names it.
     */
    public boolean announcedAsAccount() {
        return switch (this) {
            case PERSON, EVENT, CAMPAIGN_MEMBERSHIP, LIST_MEMBERSHIP -> false;
            case ACCOUNT, OPPORTUNITY -> true;
        };
    }
}
