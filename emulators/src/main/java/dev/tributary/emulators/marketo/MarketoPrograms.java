package dev.tributary.emulators.marketo;

import dev.tributary.emulators.EmulatorClock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An instance's programs (asset API) and their members (lead database API), each with createdAt/updatedAt. */
public final class MarketoPrograms {

    /** Get Program Members' searchable fields (describe's searchableFields, custom fields aside). */
    static final Set<String> MEMBER_FILTERS = Set.of("leadId", "reachedSuccess", "statusName");
    static final List<String> DEFAULT_MEMBER_FIELDS = List.of("leadId", "programId", "statusName", "reachedSuccess",
            "membershipDate", "updatedAt");

    private final EmulatorClock clock;
    private final TreeMap<Long, Map<String, Object>> programs = new TreeMap<>();
    private final Map<Long, Map<Long, Map<String, Object>>> members = new TreeMap<>();

    MarketoPrograms(EmulatorClock clock) {
        this.clock = clock;
    }

    synchronized void clear() {
        programs.clear();
        members.clear();
    }

    /** Seeds a program ({@code name, type, channel, status, ...}); keeps given createdAt/updatedAt. */
    public synchronized void seedProgram(long id, Map<String, Object> fields) {
        if (programs.containsKey(id)) {
            throw new IllegalArgumentException("program " + id + " exists");
        }
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("id", id);
        fields.forEach((field, value) -> {
            if (!"id".equals(field) && !"members".equals(field)) {
                program.put(field, value);
            }
        });
        program.putIfAbsent("createdAt", now());
        program.putIfAbsent("updatedAt", now());
        program.put("workspace", "Default");
        programs.put(id, program);
        members.put(id, new LinkedHashMap<>());
    }

    /** Adds or changes a lead's membership ({@code statusName, reachedSuccess, membershipDate}); updatedAt now unless given. */
    public synchronized void seedMember(long programId, long leadId, Map<String, Object> fields) {
        Map<Long, Map<String, Object>> programMembers = members.get(programId);
        if (programMembers == null) {
            throw new IllegalArgumentException("no program " + programId);
        }
        Map<String, Object> member = programMembers.computeIfAbsent(leadId, id -> new LinkedHashMap<>());
        member.put("leadId", leadId);
        member.put("programId", programId);
        member.putAll(fields);
        member.putIfAbsent("reachedSuccess", false);
        member.putIfAbsent("membershipDate", now());
        member.put("updatedAt", fields.getOrDefault("updatedAt", now()));
    }

    synchronized boolean exists(long programId) {
        return programs.containsKey(programId);
    }

    /** Get Programs: by id, from offset, at most maxReturn, updated at or after earliestUpdatedAt when given. */
    synchronized List<Map<String, Object>> programs(int offset, int maxReturn, Instant earliestUpdatedAt) {
        List<Map<String, Object>> matching = programs.values().stream()
                .filter(p -> earliestUpdatedAt == null || !Instant.parse(p.get("updatedAt").toString()).isBefore(earliestUpdatedAt))
                .map(p -> (Map<String, Object>) new LinkedHashMap<>(p))
                .toList();
        return offset >= matching.size() ? List.of() : matching.subList(offset, Math.min(matching.size(), offset + maxReturn));
    }

    /** Get Program Members: those whose filter field's value is one of {@code values}, in the order they joined. */
    synchronized List<Map<String, Object>> members(long programId, String filterType, List<String> values, List<String> fields) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> member : members.get(programId).values()) {
            Object actual = member.get(filterType);
            if (actual != null && values.contains(actual.toString())) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("seq", found.size());
                for (String field : fields.isEmpty() ? DEFAULT_MEMBER_FIELDS : fields) {
                    out.put(field, member.get(field));
                }
                found.add(out);
            }
        }
        return found;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
