package dev.tributary.activation.delivery;

import dev.tributary.activation.delivery.Ledger.Outcome;
import dev.tributary.activation.delivery.Ledger.Row;
import dev.tributary.activation.delivery.PersonDirectory.Person;
import dev.tributary.activation.destination.Destination;
import dev.tributary.activation.marketo.MarketoClient;
import dev.tributary.activation.marketo.RecordResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes a Marketo static list agree with one round of pending ledger rows. Lead ids come from the person's own
 * source key in the destination's instance, else a lookup by email, else (with {@code createMissingPersons}) a
 * createOrUpdate by email. Each add or remove call's outcome is written to the ledger before the next call, so a
 * crash repeats at most one call's batch, and a list add or remove is idempotent at Marketo.
 */
final class MarketoDelivery {

    static final String NO_EMAIL = "no email and no Marketo source key in this instance";

    private record Send(Row row, long leadId) {
    }

    private final Destination destination;
    private final MarketoClient client;
    private final long listId;
    private final UUID activationId;
    private final Ledger ledger;
    private final PersonDirectory people;
    private final int batchSize;
    private final Runnable heartbeat;

    /** @param heartbeat run before every call: keeps the worker's lease on the activation */
    MarketoDelivery(Destination destination, MarketoClient client, long listId, UUID activationId, Ledger ledger,
                    PersonDirectory people, int batchSize, Runnable heartbeat) {
        this.destination = destination;
        this.client = client;
        this.listId = listId;
        this.activationId = activationId;
        this.ledger = ledger;
        this.people = people;
        this.batchSize = batchSize;
        this.heartbeat = heartbeat;
    }

    void deliver(List<Row> rows, Tally tally) {
        Map<String, Person> persons = people.people(rows.stream().filter(Row::wanted).map(Row::personId).toList(),
                destination.munchkinId());
        List<Outcome> settled = new ArrayList<>();
        List<Send> adds = new ArrayList<>();
        List<Send> removes = new ArrayList<>();
        List<String> removeStatus = new ArrayList<>();
        List<String> removeReason = new ArrayList<>();
        List<Row> byEmail = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (Row row : rows) {
            Person person = row.wanted() ? persons.get(row.personId()) : null;
            NotSent notSent = NotSent.of(row, person);
            if (notSent != null) {
                String status = notSent.status();
                String reason = notSent.reason();
                if (row.inDestination() && row.leadId() != null) {
                    removes.add(new Send(row, Long.parseLong(row.leadId())));
                    removeStatus.add(status);
                    removeReason.add(reason);
                } else {
                    settled.add(new Outcome(row, false, null, status, reason));
                    tally.settled(status);
                }
            } else if (row.inDestination() && row.leadId() != null) {
                settled.add(new Outcome(row, true, row.leadId(), "delivered", null));
            } else if (person.marketoLeadId() != null) {
                adds.add(new Send(row, person.marketoLeadId()));
            } else if (person.email() != null && !person.email().isBlank()) {
                byEmail.add(row);
                emails.add(person.email().trim().toLowerCase());
            } else {
                settled.add(new Outcome(row, false, null, "failed", NO_EMAIL));
                tally.failed++;
            }
        }
        ledger.apply(activationId, settled);
        resolveByEmail(byEmail, emails, adds, tally);
        for (int from = 0; from < removes.size(); from += batchSize) {
            List<Send> batch = removes.subList(from, Math.min(removes.size(), from + batchSize));
            // removed, or skipped because the list no longer holds the lead: either way the list does not hold it
            heartbeat.run();
            client.removeFromList(listId, batch.stream().map(Send::leadId).toList());
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                String status = removeStatus.get(from + i);
                outcomes.add(new Outcome(batch.get(i).row(), false, null, status, removeReason.get(from + i)));
                tally.settled(status);
            }
            ledger.apply(activationId, outcomes);
        }
        for (int from = 0; from < adds.size(); from += batchSize) {
            List<Send> batch = adds.subList(from, Math.min(adds.size(), from + batchSize));
            heartbeat.run();
            List<RecordResult> results = client.addToList(listId, batch.stream().map(Send::leadId).toList());
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Send send = batch.get(i);
                RecordResult result = results.get(i);
                if (result.skipped()) {
                    outcomes.add(new Outcome(send.row(), false, null, "failed", "Marketo skipped the add: " + result.reason()));
                    tally.failed++;
                } else {
                    outcomes.add(new Outcome(send.row(), true, Long.toString(send.leadId()), "delivered", null));
                    tally.added++;
                }
            }
            ledger.apply(activationId, outcomes);
        }
    }

    /** Finds (or creates) the leads of people known only by email; those resolved join {@code adds}. */
    private void resolveByEmail(List<Row> rows, List<String> emails, List<Send> adds, Tally tally) {
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<Row> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            List<String> batchEmails = emails.subList(from, from + batch.size());
            heartbeat.run();
            Map<String, Long> found = client.leadsByEmail(distinct(batchEmails));
            List<Row> missing = new ArrayList<>();
            List<String> missingEmails = new ArrayList<>();
            List<Outcome> failed = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Long lead = found.get(batchEmails.get(i));
                if (lead != null) {
                    adds.add(new Send(batch.get(i), lead));
                } else if (destination.createMissingPersons()) {
                    missing.add(batch.get(i));
                    missingEmails.add(batchEmails.get(i));
                } else {
                    failed.add(new Outcome(batch.get(i), false, null, "failed",
                            "no Marketo lead with this email in " + destination.munchkinId() + " (createMissingPersons is off)"));
                    tally.failed++;
                }
            }
            if (!missing.isEmpty()) {
                List<String> unique = distinct(missingEmails);
                heartbeat.run();
                List<RecordResult> created = client.createOrUpdateByEmail(unique);
                for (int i = 0; i < missing.size(); i++) {
                    RecordResult result = created.get(unique.indexOf(missingEmails.get(i)));
                    if (result.skipped() || result.id() == null) {
                        failed.add(new Outcome(missing.get(i), false, null, "failed",
                                "Marketo did not create the lead: " + result.reason()));
                        tally.failed++;
                    } else {
                        adds.add(new Send(missing.get(i), result.id()));
                    }
                }
            }
            ledger.apply(activationId, failed);
        }
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }

}
