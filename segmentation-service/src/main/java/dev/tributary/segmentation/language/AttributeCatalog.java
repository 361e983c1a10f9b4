package dev.tributary.segmentation.language;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that says which attributes and paths a rule may use and which view columns they
 * read. Parser messages, the SQL compiler and the documentation table all come from here.
 */
public final class AttributeCatalog {

    /** An attribute of an entity: its name in the language, its view column and its type. */
    public record Attribute(String name, String column, AttributeType type, String description) {
    }

    /**
     * One step of a path. Each link joins {@code view} on {@code fromColumn} = the current entity id
     * and moves the current id to {@code toColumn}; {@code viaSql} (alias placeholder {@code %1$s})
     * describes, for explanations, how a fact was reached through this link.
     */
    public record Link(String view, String fromColumn, String toColumn, String viaSql) {
    }

    /** A named path step from one entity type to another, e.g. person {@code accounts}. */
    public record Relation(String name, ProfileReadEntity from, ProfileReadEntity to, String description, List<Link> links) {
        /** True when the last link is the target's own view, so no extra join is needed. */
        boolean endsOnTargetView() {
            return links.get(links.size() - 1).view().equals(to.view());
        }
    }

    static final int MAX_PATH_LENGTH = 4;

    private static final Map<ProfileReadEntity, Map<String, Attribute>> ATTRIBUTES = new LinkedHashMap<>();
    private static final Map<ProfileReadEntity, Map<String, Relation>> RELATIONS = new LinkedHashMap<>();

    static {
        attributes(ProfileReadEntity.PERSON,
                new Attribute("id", "person_id", AttributeType.STRING, "unified person id"),
                new Attribute("email", "email", AttributeType.STRING, "work email, trimmed and lower-cased"),
                new Attribute("firstName", "first_name", AttributeType.STRING, "first name"),
                new Attribute("lastName", "last_name", AttributeType.STRING, "last name"),
                new Attribute("jobTitle", "job_title", AttributeType.STRING, "job title"),
                new Attribute("country", "country", AttributeType.STRING, "country"),
                new Attribute("score", "score", AttributeType.NUMBER, "lead score"),
                new Attribute("emailConsent", "email_consent", AttributeType.STRING, "marketing email consent: \"y\", \"n\" or null"));
        attributes(ProfileReadEntity.ACCOUNT,
                new Attribute("id", "account_id", AttributeType.STRING, "unified account id"),
                new Attribute("name", "name", AttributeType.STRING, "company name"),
                new Attribute("domain", "domain", AttributeType.STRING, "web domain"),
                new Attribute("industry", "industry", AttributeType.STRING, "industry"),
                new Attribute("employees", "employees", AttributeType.NUMBER, "number of employees"),
                new Attribute("annualRevenue", "annual_revenue", AttributeType.NUMBER, "annual revenue"),
                new Attribute("country", "country", AttributeType.STRING, "country"));
        attributes(ProfileReadEntity.OPPORTUNITY,
                new Attribute("id", "opportunity_id", AttributeType.STRING, "source key of the opportunity"),
                new Attribute("name", "name", AttributeType.STRING, "opportunity name"),
                new Attribute("stage", "stage", AttributeType.STRING, "sales stage"),
                new Attribute("amount", "amount", AttributeType.NUMBER, "amount in its own currency (no conversion)"),
                new Attribute("currency", "currency", AttributeType.STRING, "ISO currency code"),
                new Attribute("isWon", "is_won", AttributeType.BOOLEAN, "won"),
                new Attribute("isClosed", "is_closed", AttributeType.BOOLEAN, "closed"),
                new Attribute("closeDate", "close_date", AttributeType.DATE, "close date"),
                new Attribute("sourceType", "source_type", AttributeType.STRING, "source system type, e.g. \"Salesforce\""),
                new Attribute("sourceInstance", "source_instance_id", AttributeType.STRING, "source system instance, e.g. \"crm-1\""));
        attributes(ProfileReadEntity.CAMPAIGN_MEMBERSHIP,
                new Attribute("name", "name", AttributeType.STRING, "campaign name"),
                new Attribute("type", "type", AttributeType.STRING, "campaign type"),
                new Attribute("status", "status", AttributeType.STRING, "campaign status"),
                new Attribute("memberStatus", "member_status", AttributeType.STRING, "the person's member status"),
                new Attribute("hasResponded", "has_responded", AttributeType.BOOLEAN, "the person responded"),
                new Attribute("membershipDate", "membership_date", AttributeType.TIMESTAMP, "when the person joined the campaign"));
        attributes(ProfileReadEntity.LIST_MEMBERSHIP,
                new Attribute("name", "name", AttributeType.STRING, "list name"));
        attributes(ProfileReadEntity.EVENT,
                new Attribute("id", "event_id", AttributeType.STRING, "event id"),
                new Attribute("eventType", "event_type", AttributeType.STRING, "XDM event type, e.g. \"web.webpagedetails.pageViews\""),
                new Attribute("timestamp", "ts", AttributeType.TIMESTAMP, "when it happened"),
                new Attribute("url", "url", AttributeType.STRING, "page URL"),
                new Attribute("pageName", "page_name", AttributeType.STRING, "page name"),
                new Attribute("referrer", "referrer", AttributeType.STRING, "referrer URL"));

        String viaAccount = "concat('account ', %1$s.account_id, ' via ', %1$s.source_account_key)";
        String viaPerson = "concat('person ', %1$s.person_id, ' via ', %1$s.source_person_key)";
        relations(new Relation("accounts", ProfileReadEntity.PERSON, ProfileReadEntity.ACCOUNT, "unified accounts of the person",
                        List.of(new Link("profile_read.person_account", "person_id", "account_id", viaAccount))),
                new Relation("opportunities", ProfileReadEntity.PERSON, ProfileReadEntity.OPPORTUNITY, "opportunities the person is a contact of",
                        List.of(new Link("profile_read.opportunity_person", "person_id", "opportunity_id",
                                "concat('contact (', %1$s.role, ')')"))),
                new Relation("campaigns", ProfileReadEntity.PERSON, ProfileReadEntity.CAMPAIGN_MEMBERSHIP, "the person's campaign memberships",
                        List.of(new Link("profile_read.campaign_membership", "person_id", "campaign_id", null))),
                new Relation("lists", ProfileReadEntity.PERSON, ProfileReadEntity.LIST_MEMBERSHIP, "the person's list memberships",
                        List.of(new Link("profile_read.list_membership", "person_id", "list_id", null))),
                new Relation("events", ProfileReadEntity.PERSON, ProfileReadEntity.EVENT, "the person's experience events",
                        List.of(new Link("profile_read.event", "person_id", "event_id", null))),
                new Relation("persons", ProfileReadEntity.ACCOUNT, ProfileReadEntity.PERSON, "people of the account",
                        List.of(new Link("profile_read.person_account", "account_id", "person_id", viaPerson))),
                new Relation("opportunities", ProfileReadEntity.ACCOUNT, ProfileReadEntity.OPPORTUNITY, "opportunities of the account",
                        List.of(new Link("profile_read.opportunity", "account_id", "opportunity_id",
                                "concat('opportunity of account ', %1$s.account_id, ' through source account ', %1$s.source_account_key)"))),
                new Relation("events", ProfileReadEntity.ACCOUNT, ProfileReadEntity.EVENT, "experience events of the account's people",
                        List.of(new Link("profile_read.person_account", "account_id", "person_id", viaPerson),
                                new Link("profile_read.event", "person_id", "event_id", null))));
    }

    private AttributeCatalog() {
    }

    private static void attributes(ProfileReadEntity type, Attribute... attributes) {
        Map<String, Attribute> byName = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            byName.put(a.name(), a);
        }
        ATTRIBUTES.put(type, byName);
    }

    private static void relations(Relation... relations) {
        for (Relation r : relations) {
            RELATIONS.computeIfAbsent(r.from(), t -> new LinkedHashMap<>()).put(r.name(), r);
        }
    }

    public static Optional<Attribute> attribute(ProfileReadEntity type, String name) {
        return Optional.ofNullable(ATTRIBUTES.getOrDefault(type, Map.of()).get(name));
    }

    public static List<Attribute> attributes(ProfileReadEntity type) {
        return List.copyOf(ATTRIBUTES.getOrDefault(type, Map.of()).values());
    }

    public static Optional<Relation> relation(ProfileReadEntity from, String name) {
        return Optional.ofNullable(RELATIONS.getOrDefault(from, Map.of()).get(name));
    }

    public static List<Relation> relations(ProfileReadEntity from) {
        return List.copyOf(RELATIONS.getOrDefault(from, Map.of()).values());
    }

    /** The markdown tables of docs/segment-language.md (a test keeps the doc in sync). */
    public static String markdownTables() {
        StringBuilder out = new StringBuilder();
        for (ProfileReadEntity type : ProfileReadEntity.values()) {
            out.append("### ").append(type.factType()).append(" (`").append(type.view()).append("`)\n\n");
            out.append("| attribute | column | type | meaning |\n|---|---|---|---|\n");
            for (Attribute a : attributes(type)) {
                out.append("| `").append(a.name()).append("` | `").append(a.column()).append("` | ")
                        .append(a.type()).append(" | ").append(a.description()).append(" |\n");
            }
            List<Relation> relations = relations(type);
            if (!relations.isEmpty()) {
                out.append("\n| path | leads to | through |\n|---|---|---|\n");
                for (Relation r : relations) {
                    List<String> views = new ArrayList<>();
                    r.links().forEach(l -> views.add("`" + l.view() + "`"));
                    out.append("| `").append(r.name()).append("` | ").append(r.to().factType()).append(" (")
                            .append(r.description()).append(") | ").append(String.join(" -> ", views)).append(" |\n");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
