package dev.tributary.emulators.marketo;

import dev.tributary.emulators.EmulatorClock;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An instance's static lists and their members (lead ids, in the order they were added). */
public final class MarketoStaticLists {

    private final EmulatorClock clock;
    private final MarketoLeads leads;
    private final TreeMap<Long, StaticList> lists = new TreeMap<>();
    private long nextListId = 1001;

    MarketoStaticLists(EmulatorClock clock, MarketoLeads leads) {
        this.clock = clock;
        this.leads = leads;
    }

    synchronized void clear() {
        lists.clear();
        nextListId = 1001;
    }

    /** A deleted lead leaves every list. */
    synchronized void forget(long leadId) {
        lists.values().forEach(list -> list.members.remove(leadId));
    }

    /** A static list asset and its members (lead ids, in the order they were added). */
    static final class StaticList {
        final long id;
        final String name;
        final String description;
        final Map<String, Object> folder;
        final String createdAt;
        String updatedAt;
        final Set<Long> members = new LinkedHashSet<>();

        StaticList(long id, String name, String description, Map<String, Object> folder, String createdAt) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.folder = folder;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        Map<String, Object> asset() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            json.put("description", description);
            json.put("createdAt", createdAt);
            json.put("updatedAt", updatedAt);
            json.put("folder", folder);
            json.put("computedUrl", "https://app-emulator.marketo.com/#ST" + id + "A1");
            json.put("workspace", "Default");
            return json;
        }
    }

    /** Creates the list, or answers 709 when the name is taken (static list names are unique). */
    synchronized Map<String, Object> createList(String name, String description, Map<String, Object> folder) {
        for (StaticList list : lists.values()) {
            if (list.name.equals(name)) {
                return MarketoEnvelope.error("709", "Static List with name '" + name + "' already exists");
            }
        }
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        StaticList list = new StaticList(nextListId++, name, description, folder, now);
        lists.put(list.id, list);
        return MarketoEnvelope.ok(List.of(list.asset()));
    }

    synchronized Map<String, Object> listByName(String name) {
        for (StaticList list : lists.values()) {
            if (list.name.equals(name)) {
                return MarketoEnvelope.ok(List.of(list.asset()));
            }
        }
        return MarketoEnvelope.warning("No assets found for the given search criteria.");
    }

    synchronized Map<String, Object> listById(long id) {
        StaticList list = lists.get(id);
        return list == null ? MarketoEnvelope.warning("No assets found for the given search criteria.")
                : MarketoEnvelope.ok(List.of(list.asset()));
    }

    synchronized boolean listExists(long listId) {
        return lists.containsKey(listId);
    }

    /** Add to List: added, or skipped with 1004 for an unknown lead; in input order. */
    synchronized List<Map<String, Object>> addMembers(long listId, List<Long> ids) {
        StaticList list = lists.get(listId);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Long id : ids) {
            if (!leads.exists(id)) {
                results.add(withId(id, skipped("1004", "Lead not found")));
            } else {
                list.members.add(id);
                results.add(status(id, "added"));
            }
        }
        list.updatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return results;
    }

    /** Remove from List: removed, or skipped with 1004 (unknown lead) or 1015 (not in the list); in input order. */
    synchronized List<Map<String, Object>> removeMembers(long listId, List<Long> ids) {
        StaticList list = lists.get(listId);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Long id : ids) {
            if (!leads.exists(id)) {
                results.add(withId(id, skipped("1004", "Lead not found")));
            } else if (!list.members.remove(id)) {
                results.add(withId(id, skipped("1015", "Lead not in list")));
            } else {
                results.add(status(id, "removed"));
            }
        }
        list.updatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return results;
    }

    synchronized List<Map<String, Object>> isMember(long listId, List<Long> ids) {
        StaticList list = lists.get(listId);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Long id : ids) {
            if (!leads.exists(id)) {
                results.add(withId(id, skipped("1004", "Lead not found")));
            } else {
                results.add(status(id, list.members.contains(id) ? "memberof" : "notmemberof"));
            }
        }
        return results;
    }

    /** One page of a list's members, from offset; the caller turns offsets into paging tokens. */
    synchronized List<Map<String, Object>> members(long listId, int offset, int size, List<String> fields) {
        List<Long> ids = new ArrayList<>(lists.get(listId).members);
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(ids.size(), offset + size); i++) {
            page.add(leads.project(ids.get(i), fields));
        }
        return page;
    }

    synchronized int memberCount(long listId) {
        return lists.get(listId).members.size();
    }

    private static Map<String, Object> withId(long id, Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.putAll(result);
        return out;
    }


    /** Every static list with its member lead ids and their emails. */
    public synchronized List<Map<String, Object>> all() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StaticList list : lists.values()) {
            Map<String, Object> json = list.asset();
            json.put("memberIds", List.copyOf(list.members));
            json.put("memberEmails", list.members.stream().map(id -> leads.email(id)).toList());
            out.add(json);
        }
        return out;
    }

    /** Emails of a list's members, found by the list's name; empty when there is no such list. */
    public synchronized List<String> memberEmails(String listName) {
        for (StaticList list : lists.values()) {
            if (list.name.equals(listName)) {
                return list.members.stream().map(id -> String.valueOf(leads.email(id))).toList();
            }
        }
        return List.of();
    }

    /** Seeds a static list under a given id with its members (lead ids that must exist); later lists get higher ids. */
    public synchronized void seedList(long id, String name, List<Long> memberIds, String updatedAt) {
        if (lists.containsKey(id) || memberIds.stream().anyMatch(member -> !leads.exists(member))) {
            throw new IllegalArgumentException("list id " + id + " is taken or names an unknown lead");
        }
        String stamp = updatedAt != null ? updatedAt : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        StaticList list = new StaticList(id, name, null, Map.of("id", 12, "type", "Folder"), stamp);
        list.members.addAll(memberIds);
        lists.put(id, list);
        nextListId = Math.max(nextListId, id + 1);
    }

    /** The static lists as Get Lists (/rest/v1/lists.json) answers them, by id. */
    synchronized List<Map<String, Object>> listRecords() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StaticList list : lists.values()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", list.id);
            json.put("name", list.name);
            json.put("description", list.description);
            json.put("programName", null);
            json.put("workspaceName", "Default");
            json.put("createdAt", list.createdAt);
            json.put("updatedAt", list.updatedAt);
            out.add(json);
        }
        return out;
    }

    private static Map<String, Object> status(long id, String status) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("status", status);
        return result;
    }

    private static Map<String, Object> skipped(String code, String message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "skipped");
        result.put("reasons", List.of(MarketoEnvelope.reason(code, message)));
        return result;
    }
}
