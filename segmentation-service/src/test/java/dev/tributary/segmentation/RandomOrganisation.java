package dev.tributary.segmentation;

import dev.tributary.profile.fragment.IncomingRecord;
import dev.tributary.profile.ingest.ProfileConsumers;
import dev.tributary.profile.ingest.ProfileUpdates;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.RandomQueries;
import dev.tributary.xdm.Identity;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.RecordMessage;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.validation.RecordValidation;
import dev.tributary.xdm.validation.XdmValidator;
import net.jqwik.api.sessions.JqwikSession;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A small random B2B organisation (CRM accounts and people, Marketo duplicates, opportunities and
 * their contacts, an optional MDM cross-reference, web events) and random changes to it, applied
 * straight to profile-service's {@link ProfileUpdates} so that its change events drive streaming.
 */
final class RandomOrganisation {

    private static final XdmValidator VALIDATOR = new XdmValidator();
    private static final List<String> URLS = List.of("https://bodea.com/products/new", "https://bodea.com/pricing");
    private static final List<Integer> AMOUNTS = List.of(100_000, 200_000, 900_000, 1_000_000, 1_100_000);

    private final Random random;
    private final ProfileUpdates updates;
    private final Instant now;
    private final String domain;
    private final int accounts;
    private final int persons;
    private final int opportunities;
    private final boolean[] personDeleted;
    private final int[] opportunityAccount;
    private final boolean[] opportunityWon;
    private boolean mdmPresent;
    private int version;

    RandomOrganisation(long seed, ProfileUpdates updates, Instant now) {
        this.random = new Random(seed);
        this.updates = updates;
        this.now = now;
        this.domain = "org" + seed + ".io";
        this.accounts = 2 + random.nextInt(3);
        this.persons = 3 + random.nextInt(4);
        this.opportunities = 2 + random.nextInt(4);
        this.personDeleted = new boolean[persons];
        this.opportunityAccount = new int[opportunities];
        this.opportunityWon = new boolean[opportunities];
    }

    /**
     * The organisation of {@code seed}, created in emptied profile and segmentation tables, with {@code clock}
     * frozen at its {@code now} (the current second).
     */
    static RandomOrganisation createdAfresh(long seed, JdbcClient jdbc, MutableClock clock) {
        SegmentationFixtures.truncate(jdbc);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.freeze(now);
        RandomOrganisation organisation = new RandomOrganisation(seed, UpstreamServices.profile().getBean(ProfileUpdates.class), now);
        organisation.create();
        return organisation;
    }

    /** Whom {@code sql} (one column of ids, with {@code rule}'s parameters) selects at this organisation's now. */
    Set<String> selected(JdbcClient jdbc, CompiledSegment rule, String sql) {
        Map<String, Object> params = new HashMap<>(rule.parameters());
        params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return new TreeSet<>(jdbc.sql(sql).params(params).query(String.class).list());
    }

    void create() {
        List<ObjectNode> records = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            records.add(account(a));
        }
        for (int p = 0; p < persons; p++) {
            records.add(person(p, random.nextInt(accounts)));
            if (random.nextInt(3) == 0) {
                records.add(marketoDuplicate(p, random.nextInt(accounts)));
            }
        }
        for (int o = 0; o < opportunities; o++) {
            records.add(opportunity(o));
            if (random.nextBoolean()) {
                records.add(contact(o, random.nextInt(persons)));
            }
        }
        if (random.nextBoolean()) {
            records.add(mdm(false));
        }
        apply(records);
        for (int e = random.nextInt(5); e > 0; e--) {
            event();
        }
    }

    /** One to three random changes of the kinds the profile service turns into change events. */
    void change() {
        List<ObjectNode> records = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            switch (random.nextInt(7)) {
                case 0 -> records.add(opportunity(random.nextInt(opportunities)));
                // in place: same account, same outcome, a new amount (profile-service describes it; segmentation may skip it)
                case 5 -> {
                    int o = random.nextInt(opportunities);
                    records.add(opportunity(o, opportunityAccount[o], opportunityWon[o]));
                }
                // sometimes without an account: the person leaves its company, which no other account announces
                case 1 -> records.add(person(random.nextInt(persons), random.nextInt(accounts + 1)));
                case 2 -> {
                    int p = random.nextInt(persons);
                    personDeleted[p] = !personDeleted[p];
                    records.add(person(p, random.nextInt(accounts)));
                }
                case 3 -> records.add(mdm(mdmPresent));
                case 4 -> records.add(contact(random.nextInt(opportunities), random.nextInt(persons)));
                default -> event();
            }
        }
        apply(records);
    }

    /** A rule from the language tests' generator; a session because this is a JUnit test, not a jqwik property. */
    static String randomQuery(long seed) {
        JqwikSession.start();
        try {
            return RandomQueries.personQueries().generator(1000).next(new Random(seed)).value();
        } finally {
            JqwikSession.finish();
        }
    }

    private ObjectNode account(int a) {
        ObjectNode data = data("account", "accountKey", "a" + a + "@crm-1.Salesforce");
        data.put("accountName", "Company " + a);
        String country = country();
        if (country != null) {
            data.putObject("accountBillingAddress").put("country", country);
        }
        return wrap("account", data);
    }

    private ObjectNode person(int p, int account) {
        ObjectNode data = data("person", "personKey", "p" + p + "@crm-1.Salesforce");
        if (account < accounts) {
            data.put("accountKey", "a" + account + "@crm-1.Salesforce");
        }
        data.putObject("workEmail").put("address", "p" + p + "@" + domain);
        data.put("personScore", random.nextInt(101));
        String country = country();
        if (country != null) {
            data.putObject("workAddress").put("country", country);
        }
        if (personDeleted[p]) {
            data.put("isDeleted", true);
        }
        return wrap("person", data);
    }

    private ObjectNode marketoDuplicate(int p, int account) {
        ObjectNode data = data("person", "personKey", (100 + p) + "@mkto-1.Marketo");
        data.put("accountKey", "a" + account + "@crm-1.Salesforce");
        data.putObject("workEmail").put("address", "p" + p + "@" + domain);
        data.put("personScore", random.nextInt(101));
        return wrap("person", data);
    }

    private ObjectNode opportunity(int o) {
        return opportunity(o, random.nextInt(accounts), random.nextBoolean());
    }

    private ObjectNode opportunity(int o, int account, boolean won) {
        opportunityAccount[o] = account;
        opportunityWon[o] = won;
        ObjectNode data = data("opportunity", "opportunityKey", "o" + o + "@crm-1.Salesforce");
        data.put("accountKey", "a" + account + "@crm-1.Salesforce");
        data.put("opportunityName", "Opportunity " + o);
        data.put("isWon", won);
        data.put("isClosed", won);
        data.putObject("opportunityAmount").put("amount", AMOUNTS.get(random.nextInt(AMOUNTS.size())))
                .put("currencyCode", "USD");
        return wrap("opportunity", data);
    }

    private ObjectNode contact(int o, int p) {
        ObjectNode data = data("opportunityPerson", "opportunityPersonKey", "op" + o + "-" + p + "@crm-1.Salesforce");
        data.put("opportunityKey", "o" + o + "@crm-1.Salesforce");
        data.put("personKey", "p" + p + "@crm-1.Salesforce");
        data.put("personRole", "Influencer");
        data.put("isPrimary", false);
        return wrap("opportunityPerson", data);
    }

    /** An MDM record declaring the first two accounts the same company; deleting it splits them again. */
    private ObjectNode mdm(boolean delete) {
        mdmPresent = !delete;
        ObjectNode data = data("account", "accountKey", "M-1@mdm-1.MDM");
        data.put("accountName", "Company 0");
        var ids = data.putObject("identityMap").putArray("b2b_account");
        ids.addObject().put("id", "a0@crm-1.Salesforce");
        ids.addObject().put("id", "a1@crm-1.Salesforce");
        if (delete) {
            data.put("isDeleted", true);
        }
        return wrap("account", data);
    }

    private void event() {
        int p = random.nextInt(persons);
        Instant at = now.minus(Duration.ofHours(random.nextInt(24 * 80)));
        updates.applyEvents(List.of(new ProfileUpdates.IncomingEvent(UUID.randomUUID().toString(), Identity.B2B_PERSON,
                "p" + p + "@crm-1.Salesforce", RandomQueries.EVENT_TYPES.get(random.nextInt(RandomQueries.EVENT_TYPES.size())),
                at, URLS.get(random.nextInt(URLS.size())), "Page", null, "fixture")));
    }

    private String country() {
        int i = random.nextInt(RandomQueries.COUNTRIES.size() + 1);
        return i == RandomQueries.COUNTRIES.size() ? null : RandomQueries.COUNTRIES.get(i);
    }

    private ObjectNode data(String xdmClass, String keyField, String key) {
        ObjectNode data = XdmJson.mapper().createObjectNode();
        data.put(keyField, key);
        // every version is newer than the last: an older update never overwrites a newer one
        data.putObject("extSourceSystemAudit").put("lastUpdatedDate",
                Instant.parse("2026-10-01T00:00:00Z").plus(Duration.ofMinutes(++version)).toString());
        return data;
    }

    private static ObjectNode wrap(String xdmClass, ObjectNode data) {
        ObjectNode line = XdmJson.mapper().createObjectNode();
        line.put("class", xdmClass);
        line.set("data", data);
        return line;
    }

    private void apply(List<ObjectNode> lines) {
        List<IncomingRecord> records = new ArrayList<>();
        for (ObjectNode line : lines) {
            String xdmClass = line.get("class").asString();
            RecordValidation validation = VALIDATOR.validateRecord(xdmClass, line.get("data"));
            if (!validation.valid()) {
                throw new IllegalArgumentException("generated record is invalid: " + validation.errors() + " " + line);
            }
            String key = line.get("data").properties().iterator().next().getValue().asString();
            RecordMessage message = new RecordMessage("fixture", "batch-fixture", 0, xdmClass, validation.normalised());
            records.add(ProfileConsumers.toRecord(Envelope.json(Topics.XDM_RECORDS, key, message, XdmJson.mapper())));
        }
        if (!records.isEmpty()) {
            updates.applyRecords(records);
        }
    }

}
