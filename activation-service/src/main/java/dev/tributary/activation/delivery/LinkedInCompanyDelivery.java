package dev.tributary.activation.delivery;

import dev.tributary.activation.delivery.AccountDirectory.Account;
import dev.tributary.activation.delivery.Ledger.Outcome;
import dev.tributary.activation.delivery.Ledger.Row;
import dev.tributary.activation.linkedin.CompanyChange;
import dev.tributary.activation.linkedin.LinkedInClient;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Makes a LinkedIn COMPANY segment agree with one round of pending ledger rows of an account audience: each account
 * as its name and website domain ({@code lead_id} holds them as JSON, so a removal names the company as it was added),
 * ADD and REMOVE elements in batches, each call's outcome written to the ledger before the next call.
 */
final class LinkedInCompanyDelivery {

    static final String NOT_IN_PROFILES = "account not found in profile_read.account";
    static final String NO_NAME_OR_DOMAIN = "no name and no domain";

    private record Element(Row row, CompanyChange change, String key, boolean finalAdd, String status) {
    }

    private final LinkedInClient client;
    private final long segmentId;
    private final UUID activationId;
    private final Ledger ledger;
    private final AccountDirectory accounts;
    private final int batchSize;
    private final Runnable heartbeat;

    LinkedInCompanyDelivery(LinkedInClient client, long segmentId, UUID activationId, Ledger ledger,
                            AccountDirectory accounts, int batchSize, Runnable heartbeat) {
        this.client = client;
        this.segmentId = segmentId;
        this.activationId = activationId;
        this.ledger = ledger;
        this.accounts = accounts;
        this.batchSize = batchSize;
        this.heartbeat = heartbeat;
    }

    void deliver(List<Row> rows, Tally tally) {
        Map<String, Account> found = accounts.accounts(rows.stream().filter(Row::wanted).map(Row::personId).toList());
        List<Outcome> settled = new ArrayList<>();
        List<Element> elements = new ArrayList<>();
        for (Row row : rows) {
            Account account = row.wanted() ? found.get(row.personId()) : null;
            String key = account == null ? null : key(account);
            String status = !row.wanted() ? "removed" : account == null || key == null ? "failed" : null;
            String reason = row.wanted() && account == null ? NOT_IN_PROFILES : row.wanted() && key == null ? NO_NAME_OR_DOMAIN : null;
            boolean held = row.inDestination() && row.leadId() != null;
            if (status != null) {
                if (held) {
                    elements.add(new Element(row, change(false, row.leadId()), null, false, status));
                } else {
                    settled.add(new Outcome(row, false, null, status, reason));
                    tally.settled(status);
                }
                continue;
            }
            if (held && key.equals(row.leadId())) {
                settled.add(new Outcome(row, true, key, "delivered", null));
                continue;
            }
            if (held) {
                // renamed or moved to another domain: the company as sent leaves, the company as it is now enters
                elements.add(new Element(row, change(false, row.leadId()), null, false, null));
            }
            elements.add(new Element(row, change(true, key), key, true, "delivered"));
        }
        ledger.apply(activationId, settled);
        for (int from = 0; from < elements.size(); from += batchSize) {
            List<Element> batch = elements.subList(from, Math.min(elements.size(), from + batchSize));
            heartbeat.run();
            List<String> errors = client.companies(segmentId, batch.stream().map(Element::change).toList());
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Element element = batch.get(i);
                String error = errors.get(i);
                if (element.status() == null) {
                    continue;
                }
                if (element.finalAdd()) {
                    outcomes.add(error == null ? new Outcome(element.row(), true, element.key(), "delivered", null)
                            : new Outcome(element.row(), false, null, "failed", error));
                    if (error == null) {
                        tally.added++;
                    } else {
                        tally.failed++;
                    }
                } else {
                    String status = error != null ? "failed" : element.status();
                    outcomes.add(new Outcome(element.row(), error != null, error != null ? element.row().leadId() : null,
                            status, error));
                    tally.settled(status);
                }
            }
            ledger.apply(activationId, outcomes);
        }
    }

    /** The company as sent: name and lower-cased domain, as JSON; null when the account has neither. */
    private static String key(Account account) {
        String name = account.name() == null || account.name().isBlank() ? null : account.name().trim();
        String domain = account.domain() == null || account.domain().isBlank() ? null
                : account.domain().trim().toLowerCase(Locale.ROOT);
        if (name == null && domain == null) {
            return null;
        }
        ObjectNode json = XdmJson.mapper().createObjectNode();
        if (name != null) {
            json.put("companyName", name);
        }
        if (domain != null) {
            json.put("companyWebsiteDomain", domain);
        }
        return json.toString();
    }

    private static CompanyChange change(boolean add, String key) {
        JsonNode json = XdmJson.mapper().readTree(key);
        return new CompanyChange(add, json.path("companyName").asString(null), json.path("companyWebsiteDomain").asString(null));
    }
}
