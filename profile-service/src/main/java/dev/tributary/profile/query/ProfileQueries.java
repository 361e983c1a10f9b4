package dev.tributary.profile.query;

import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.Numbers;
import dev.tributary.profile.query.ProfileViews.*;
import dev.tributary.support.problem.BadRequestException;
import dev.tributary.support.problem.NotFoundException;
import dev.tributary.xdm.Identity;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads unified profiles for the REST API. Every read resolves retired ids to their survivor. A read
 * that outlasts {@code cdp.profile.api.read-timeout-seconds} is cancelled and answered 503, never left hanging.
 */
@Service
@Transactional(readOnly = true, timeoutString = "${cdp.profile.api.read-timeout-seconds:10}")
public class ProfileQueries {

    private static final Set<String> PERSON_NAMESPACES = Set.of(Identity.EMAIL, Identity.B2B_PERSON);
    private static final Set<String> ACCOUNT_NAMESPACES = Set.of(Identity.B2B_ACCOUNT);

    private final JdbcClient jdbc;

    public ProfileQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Header(String id, Instant createdAt, Instant updatedAt, String attributes) {
    }

    public PersonProfile person(String id) {
        Resolved r = resolve(ProfileKind.PERSON, id);
        Map<String, RelatedAccount> accounts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT pa.account_id, a.name, pa.source_person_key, pa.source_account_key, pa.relation
                        FROM profile_read.person_account pa LEFT JOIN profile.unified_account a ON a.id = pa.account_id
                        WHERE pa.person_id = ? ORDER BY pa.account_id, pa.source_account_key, pa.relation""")
                .param(r.header.id())
                .query(rs -> {
                    accounts.computeIfAbsent(rs.getString(1), k -> {
                        try {
                            return new RelatedAccount(k, rs.getString(2), new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).via().add(new Path(rs.getString(3), rs.getString(4), rs.getString(5)));
                });
        return new PersonProfile(r.header.id(), r.retired, r.header.createdAt(), r.header.updatedAt(),
                identities(ProfileKind.PERSON, r.header.id()), XdmJson.mapper().readTree(r.header.attributes()),
                List.copyOf(accounts.values()), fragments(r.header.id()));
    }

    public AccountProfile account(String id) {
        Resolved r = resolve(ProfileKind.ACCOUNT, id);
        Map<String, RelatedPerson> people = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT pa.person_id, p.email, p.first_name, p.last_name, pa.source_person_key, pa.source_account_key, pa.relation
                        FROM profile_read.person_account pa JOIN profile.unified_person p ON p.id = pa.person_id
                        WHERE pa.account_id = ? ORDER BY p.email, pa.person_id, pa.source_account_key, pa.relation""")
                .param(r.header.id())
                .query(rs -> {
                    String personId = rs.getString(1);
                    RelatedPerson person = people.get(personId);
                    if (person == null) {
                        person = new RelatedPerson(personId, rs.getString(2), rs.getString(3), rs.getString(4), new ArrayList<>());
                        people.put(personId, person);
                    }
                    person.via().add(new Path(rs.getString(5), rs.getString(6), rs.getString(7)));
                });
        List<OpportunityView> opportunities = jdbc.sql("""
                        SELECT opportunity_id, name, stage, amount, currency, is_won, is_closed, close_date, source_account_key
                        FROM profile_read.opportunity WHERE account_id = ? ORDER BY opportunity_id""")
                .param(r.header.id())
                .query((rs, n) -> new OpportunityView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4), rs.getString(5), (Boolean) rs.getObject(6), (Boolean) rs.getObject(7),
                        rs.getObject(8, java.time.LocalDate.class), rs.getString(9)))
                .list();
        BigDecimal won = BigDecimal.ZERO;
        BigDecimal open = BigDecimal.ZERO;
        for (OpportunityView o : opportunities) {
            BigDecimal amount = o.amount() == null ? BigDecimal.ZERO : o.amount();
            if (Boolean.TRUE.equals(o.isWon())) {
                won = won.add(amount);
            } else if (!Boolean.TRUE.equals(o.isClosed())) {
                open = open.add(amount);
            }
        }
        return new AccountProfile(r.header.id(), r.retired, r.header.createdAt(), r.header.updatedAt(),
                identities(ProfileKind.ACCOUNT, r.header.id()), XdmJson.mapper().readTree(r.header.attributes()),
                List.copyOf(people.values()), opportunities,
                new Totals(Numbers.plain(won), Numbers.plain(open), opportunities.size()), fragments(r.header.id()));
    }

    /** The profile id an identity ({@code namespace:value}) resolves to. */
    public String idByIdentity(ProfileKind type, String identity) {
        Identity parsed;
        try {
            parsed = Identity.parse(identity);
            Set<String> allowed = type == ProfileKind.PERSON ? PERSON_NAMESPACES : ACCOUNT_NAMESPACES;
            if (!allowed.contains(parsed.namespace())) {
                throw new BadRequestException("Invalid identity", "Namespace '" + parsed.namespace()
                        + "' is not searchable for " + type.id() + "s; use one of " + allowed,
                        List.of(Map.of("field", "identity", "message", "unknown namespace " + parsed.namespace())));
            }
            parsed = IdentityMap.of(parsed.namespace(), parsed.value()).normalised().identities().findFirst().orElseThrow();
        } catch (IllegalArgumentException e) { // InvalidSourceKeyException included
            throw new BadRequestException("Invalid identity", e.getMessage(),
                    List.of(Map.of("field", "identity", "message", e.getMessage())));
        }
        final Identity lookup = parsed;
        return jdbc.sql("SELECT profile_id FROM identity_profile WHERE entity_type = ? AND namespace = ? AND value = ?")
                .param(type.id()).param(lookup.namespace()).param(lookup.value())
                .query(String.class).optional()
                .orElseThrow(() -> new NotFoundException(type == ProfileKind.PERSON ? "Person" : "Account", lookup.toString()));
    }

    public EventPage events(String personId, Instant from, Instant to) {
        String id = resolve(ProfileKind.PERSON, personId).header.id();
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : to;
        if (end.isBefore(start)) {
            throw new BadRequestException("Invalid time range", "'to' is before 'from'",
                    List.of(Map.of("field", "to", "message", "must not be before 'from'")));
        }
        List<EventView> items = jdbc.sql("""
                        SELECT e.event_id, e.event_type, e.ts, e.url, e.page_name, e.referrer, x.identity_ns || ':' || x.identity_value
                        FROM profile_read.event e JOIN profile.experience_event x ON x.event_id = e.event_id
                        WHERE e.person_id = ? AND e.ts >= ? AND e.ts < ? ORDER BY e.ts DESC LIMIT 1000""")
                .param(id).param(Timestamp.from(start)).param(Timestamp.from(end))
                .query((rs, n) -> new EventView(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        return new EventPage(id, from, to, items);
    }

    public Guardrails guardrails() {
        List<Rejection> rejections = jdbc.sql("""
                        SELECT fragment_key, namespace, value, reason, rejected_at FROM identity_rejection
                        ORDER BY rejected_at DESC LIMIT 500""")
                .query((rs, n) -> new Rejection(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
        List<Hub> hubs = jdbc.sql("SELECT entity_type, namespace, value, fragments, detected_at FROM identity_hub ORDER BY detected_at DESC LIMIT 500")
                .query((rs, n) -> new Hub(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
        return new Guardrails(rejections, hubs);
    }

    private record Resolved(Header header, Retired retired) {
    }

    private Resolved resolve(ProfileKind type, String id) {
        Optional<Header> direct = header(type, id);
        if (direct.isPresent()) {
            return new Resolved(direct.get(), null);
        }
        Optional<String> survivor = jdbc.sql("SELECT profile_id FROM profile_alias WHERE alias_id = ? AND entity_type = ?")
                .param(id).param(type.id()).query(String.class).optional();
        return survivor.flatMap(s -> header(type, s))
                .map(h -> new Resolved(h, new Retired(id, h.id(), "Profile " + id + " was merged into " + h.id())))
                .orElseThrow(() -> new NotFoundException(type == ProfileKind.PERSON ? "Person" : "Account", id));
    }

    private Optional<Header> header(ProfileKind type, String id) {
        return jdbc.sql("SELECT id, created_at, updated_at, attributes::text FROM unified_profile WHERE id = ? AND entity_type = ?")
                .param(id).param(type.id())
                .query((rs, n) -> new Header(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .optional();
    }

    private List<IdentityView> identities(ProfileKind type, String id) {
        return jdbc.sql("SELECT namespace, value FROM identity_profile WHERE entity_type = ? AND profile_id = ? ORDER BY namespace, value")
                .param(type.id()).param(id)
                .query((rs, n) -> new IdentityView(rs.getString(1), rs.getString(2)))
                .list();
    }

    private List<FragmentView> fragments(String id) {
        return jdbc.sql("""
                        SELECT source_key, xdm_class, source_type, source_instance_id, last_updated, data::text
                        FROM fragment WHERE profile_id = ? AND NOT deleted ORDER BY source_key""")
                .param(id)
                .query((rs, n) -> new FragmentView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), XdmJson.mapper().readTree(rs.getString(6))))
                .list();
    }
}
