package dev.tributary.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic B2B organisation, deterministic by seed: every line depends only on (seed, kind, index),
 * so any slice can be regenerated without generating what comes before it.
 *
 * <p>Shape (counts at scale 1): 10,000 companies, each with a CRM account ({@code 001A<i>@crm-1.Salesforce})
 * and a Marketo account ({@code A<i>@mkto-1.Marketo}, externalKey -> CRM account); every third company
 * also has an MDM golden record ({@code M<i>@mdm-1.MDM}) whose identityMap links the Marketo account.
 * 100,000 people, each a CRM contact ({@code 003P<j>@crm-1.Salesforce}) and a Marketo lead
 * ({@code L<j>@mkto-1.Marketo}, externalKey -> contact, same work email) with a Marketo accountPerson link.
 * 30,000 CRM opportunities (a third won, a fifth lost, the rest open) each with one opportunityPerson,
 * and 1,000,000 web page views keyed by the CRM contact key, spread over the last 60 days.
 */
public final class OrgGenerator {

    public static final String CRM = "crm-1.Salesforce";
    public static final String MKTO = "mkto-1.Marketo";
    public static final String MDM = "mdm-1.MDM";
    public static final String PAGE_VIEWS = "web.webpagedetails.pageViews";

    static final String[] PATHS = {"/", "/pricing", "/products", "/products/new", "/blog", "/docs", "/about",
            "/careers", "/contact", "/products/classic", "/webinars", "/customers"};
    static final String[] COUNTRIES = {"US", "US", "US", "GB", "DE", "FR", "CA", "JP", "AU", "NL"};
    static final String[] INDUSTRIES = {"Automotive", "Manufacturing", "Software", "Retail", "Finance", "Healthcare"};
    static final String[] TITLES = {"VP Engineering", "CTO", "Procurement Lead", "Marketing Manager", "Analyst",
            "Head of Manufacturing", "CFO", "Developer"};
    static final String[] FIRST = {"Pat", "Sam", "Lee", "Alex", "Kim", "Jo", "Max", "Robin", "Chris", "Dana"};
    static final String[] LAST = {"Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Martin", "Lopez"};

    private final long seed;
    public final int companies;
    public final int people;
    public final int opportunities;
    public final long events;
    private final Instant now;

    public OrgGenerator(long seed, double scale, Instant now) {
        this(seed, Math.max(1, (int) Math.round(10_000 * scale)), Math.max(1, (int) Math.round(100_000 * scale)),
                Math.max(1, (int) Math.round(30_000 * scale)), Math.max(1, Math.round(1_000_000 * scale)), now);
    }

    public OrgGenerator(long seed, int companies, int people, int opportunities, long events, Instant now) {
        this.seed = seed;
        this.companies = companies;
        this.people = people;
        this.opportunities = opportunities;
        this.events = events;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    private SplittableRandom rnd(int kind, long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + kind * 1_000_003L + index * 31L);
    }

    private String updated(SplittableRandom r) {
        return now.minus(1 + r.nextInt(90 * 24), ChronoUnit.HOURS).toString();
    }

    public static String crmAccountKey(int i) {
        return "001A" + i + "@" + CRM;
    }

    public static String mktoAccountKey(int i) {
        return "A" + i + "@" + MKTO;
    }

    public static String crmContactKey(long j) {
        return "003P" + j + "@" + CRM;
    }

    public static String mktoLeadKey(long j) {
        return "L" + j + "@" + MKTO;
    }

    public int companyOf(long person) {
        return (int) (person % companies);
    }

    public static String domain(int company) {
        return "c" + company + ".bench-corp.com";
    }

    public static String email(long person, int company) {
        return "p" + person + "@" + domain(company);
    }

    /** Record lines for one source instance, in a natural export order (accounts, people, links, deals). */
    public List<String> records(String instance) {
        List<String> lines = new ArrayList<>();
        switch (instance) {
            case CRM -> {
                for (int i = 0; i < companies; i++) lines.add(crmAccount(i));
                for (int j = 0; j < people; j++) lines.add(crmContact(j, null));
                for (int k = 0; k < opportunities; k++) lines.add(opportunity(k));
                for (int k = 0; k < opportunities; k++) lines.add(opportunityPerson(k));
            }
            case MKTO -> {
                for (int i = 0; i < companies; i++) lines.add(mktoAccount(i));
                for (int j = 0; j < people; j++) lines.add(mktoLead(j));
                for (int j = 0; j < people; j++) lines.add(accountPerson(j));
            }
            case MDM -> {
                for (int i = 0; i < companies; i += 3) lines.add(mdmAccount(i));
            }
            default -> throw new IllegalArgumentException(instance);
        }
        return lines;
    }

    /** Distinct source records (fragment rows) the three sources hold. */
    public long recordCount() {
        return 2L * companies + (companies + 2) / 3 + 3L * people + 2L * opportunities;
    }

    String crmAccount(int i) {
        SplittableRandom r = rnd(1, i);
        return "{\"class\":\"account\",\"data\":{\"accountKey\":\"" + crmAccountKey(i) + "\",\"accountName\":\"Company " + i
                + " Inc.\",\"accountOrganization\":{\"domain\":\"" + domain(i) + "\",\"industry\":\""
                + INDUSTRIES[r.nextInt(INDUSTRIES.length)] + "\",\"numberOfEmployees\":" + (10 + r.nextInt(20_000))
                + ",\"annualRevenue\":{\"amount\":" + (1_000_000L + r.nextLong(900_000_000L)) + ",\"currencyCode\":\"USD\"}}"
                + ",\"accountBillingAddress\":{\"country\":\"" + COUNTRIES[r.nextInt(COUNTRIES.length)] + "\"}"
                + ",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + updated(r) + "\"}}}";
    }

    String mktoAccount(int i) {
        SplittableRandom r = rnd(2, i);
        return "{\"class\":\"account\",\"data\":{\"accountKey\":\"" + mktoAccountKey(i) + "\",\"accountName\":\"Company " + i
                + "\",\"accountOrganization\":{\"website\":\"https://" + domain(i) + "\"}"
                + ",\"extSourceSystemAudit\":{\"externalKey\":\"" + crmAccountKey(i) + "\",\"lastUpdatedDate\":\"" + updated(r) + "\"}}}";
    }

    String mdmAccount(int i) {
        SplittableRandom r = rnd(3, i);
        return "{\"class\":\"account\",\"data\":{\"accountKey\":\"M" + i + "@" + MDM + "\",\"accountName\":\"Company " + i
                + "\",\"accountOrganization\":{\"domain\":\"" + domain(i) + "\"}"
                + ",\"identityMap\":{\"b2b_account\":[{\"id\":\"" + mktoAccountKey(i) + "\"}]}"
                + ",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + updated(r) + "\"}}}";
    }

    /** A CRM contact; {@code jobTitle} overrides the generated title (used for update traffic). */
    String crmContact(long j, String jobTitle) {
        SplittableRandom r = rnd(4, j);
        int c = companyOf(j);
        String title = jobTitle != null ? jobTitle : TITLES[r.nextInt(TITLES.length)];
        return contactLine(crmContactKey(j), c, email(j, c), FIRST[r.nextInt(FIRST.length)], LAST[r.nextInt(LAST.length)], title,
                COUNTRIES[r.nextInt(COUNTRIES.length)], jobTitle != null ? Instant.now().toString() : updated(r));
    }

    static String contactLine(String key, int company, String email, String first, String last, String title, String country,
                              String updated) {
        return "{\"class\":\"person\",\"data\":{\"personKey\":\"" + key + "\",\"accountKey\":\"" + crmAccountKey(company)
                + "\",\"workEmail\":{\"address\":\"" + email + "\"},\"person\":{\"name\":{\"firstName\":\"" + first
                + "\",\"lastName\":\"" + last + "\"}},\"extendedWorkDetails\":{\"jobTitle\":\"" + title + "\"}"
                + ",\"workAddress\":{\"country\":\"" + country + "\"}"
                + ",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + updated + "\"}}}";
    }

    String mktoLead(long j) {
        SplittableRandom r = rnd(5, j);
        int c = companyOf(j);
        return "{\"class\":\"person\",\"data\":{\"personKey\":\"" + mktoLeadKey(j) + "\",\"accountKey\":\"" + mktoAccountKey(c)
                + "\",\"workEmail\":{\"address\":\"" + email(j, c) + "\"},\"personScore\":" + r.nextInt(101)
                + ",\"consents\":{\"marketing\":{\"email\":{\"val\":\"" + (r.nextInt(4) == 0 ? "n" : "y") + "\"}}}"
                + ",\"extSourceSystemAudit\":{\"externalKey\":\"" + crmContactKey(j) + "\",\"lastUpdatedDate\":\"" + updated(r) + "\"}}}";
    }

    String accountPerson(long j) {
        SplittableRandom r = rnd(6, j);
        return "{\"class\":\"accountPerson\",\"data\":{\"accountPersonKey\":\"AP" + j + "@" + MKTO + "\",\"accountKey\":\""
                + mktoAccountKey(companyOf(j)) + "\",\"personKey\":\"" + mktoLeadKey(j) + "\",\"personRole\":\"Influencer\""
                + ",\"isPrimary\":true,\"isActive\":true,\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + updated(r) + "\"}}}";
    }

    /** Won for k % 3 == 0, lost for k % 5 == 1 (if not won), open otherwise; amounts 5,000 to 1,005,000. */
    String opportunity(int k) {
        return opportunity(k, 0, null);
    }

    /** Won opportunity {@code k} (k % 3 == 0) as generated, its amount raised by {@code raise}, last updated now. */
    String wonOpportunityRaise(int k, long raise) {
        return opportunity(k, raise, Instant.now().toString());
    }

    /** Opportunity {@code k} as generated, its amount raised by {@code raise}; {@code lastUpdated} null: as generated. */
    private String opportunity(int k, long raise, String lastUpdated) {
        SplittableRandom r = rnd(7, k);
        boolean won = k % 3 == 0;
        boolean closed = won || k % 5 == 1;
        long amount = 5_000 + r.nextLong(1_000_000) + raise;
        String close = now.minus(r.nextInt(365), ChronoUnit.DAYS).toString().substring(0, 10);
        String updated = updated(r);
        return "{\"class\":\"opportunity\",\"data\":{\"opportunityKey\":\"006O" + k + "@" + CRM + "\",\"accountKey\":\""
                + crmAccountKey(k % companies) + "\",\"opportunityName\":\"Deal " + k + "\",\"opportunityStage\":\""
                + (won ? "Closed Won" : closed ? "Closed Lost" : "Negotiation") + "\",\"isWon\":" + won + ",\"isClosed\":" + closed
                + ",\"opportunityAmount\":{\"amount\":" + amount + ",\"currencyCode\":\"USD\"},\"actualCloseDate\":\"" + close + "\""
                + ",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + (lastUpdated == null ? updated : lastUpdated) + "\"}}}";
    }

    /** An update of opportunity {@code k} (still open, never won) with a new amount, last updated now. */
    String openOpportunityUpdate(int k, long amount) {
        return "{\"class\":\"opportunity\",\"data\":{\"opportunityKey\":\"006O" + k + "@" + CRM + "\",\"accountKey\":\""
                + crmAccountKey(k % companies) + "\",\"opportunityName\":\"Deal " + k + "\",\"opportunityStage\":\"Negotiation\""
                + ",\"isWon\":false,\"isClosed\":false,\"opportunityAmount\":{\"amount\":" + amount + ",\"currencyCode\":\"USD\"}"
                + ",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + Instant.now() + "\"}}}";
    }

    /** The opportunity's contact: a person of the opportunity's company. */
    String opportunityPerson(int k) {
        SplittableRandom r = rnd(8, k);
        int c = k % companies;
        int perCompany = Math.max(1, people / companies);
        long person = Math.min(people - 1L, c + (long) companies * r.nextInt(perCompany));
        return "{\"class\":\"opportunityPerson\",\"data\":{\"opportunityPersonKey\":\"00OP" + k + "@" + CRM
                + "\",\"opportunityKey\":\"006O" + k + "@" + CRM + "\",\"personKey\":\"" + crmContactKey(person)
                + "\",\"personRole\":\"Decision Maker\",\"isPrimary\":true"
                + ",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + updated(r) + "\"}}}";
    }

    /** A page view of a random person in the last 60 days; about 1 in 12 is on /products/new. */
    public String event(long n) {
        SplittableRandom r = rnd(9, n);
        long person = r.nextLong(people);
        String path = PATHS[r.nextInt(PATHS.length)];
        return pageView("ev-" + seed + "-" + n, crmContactKey(person), path,
                now.minus(r.nextLong(60L * 24 * 3600), ChronoUnit.SECONDS));
    }

    public static String pageView(String id, String personKey, String path, Instant ts) {
        return "{\"_id\":\"" + id + "\",\"timestamp\":\"" + ts + "\",\"eventType\":\"" + PAGE_VIEWS + "\",\"personKey\":\""
                + personKey + "\",\"web\":{\"webPageDetails\":{\"URL\":\"https://www.bench-corp.com" + path
                + "\",\"name\":\"" + path + "\"},\"webReferrer\":{\"URL\":\"https://www.google.com/\"}}}";
    }
}
