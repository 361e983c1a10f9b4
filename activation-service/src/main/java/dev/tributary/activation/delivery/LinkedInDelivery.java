package dev.tributary.activation.delivery;

import dev.tributary.activation.delivery.Ledger.Outcome;
import dev.tributary.activation.delivery.Ledger.Row;
import dev.tributary.activation.delivery.PersonDirectory.Person;
import dev.tributary.activation.linkedin.LinkedInClient;
import dev.tributary.activation.linkedin.UserChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes a LinkedIn USER segment agree with one round of pending ledger rows: each person as the SHA-256 of their
 * trimmed, lower-cased email ({@code lead_id} in the ledger holds the hash sent), ADD and REMOVE elements in
 * batches, each call's outcome written to the ledger before the next call.
 */
final class LinkedInDelivery {

    static final String NO_EMAIL = "no email";

    private record Element(Row row, UserChange change, boolean finalAdd, String status, String reason) {
    }

    private final LinkedInClient client;
    private final long segmentId;
    private final UUID activationId;
    private final Ledger ledger;
    private final PersonDirectory people;
    private final int batchSize;
    private final Runnable heartbeat;

    LinkedInDelivery(LinkedInClient client, long segmentId, UUID activationId, Ledger ledger, PersonDirectory people,
                     int batchSize, Runnable heartbeat) {
        this.client = client;
        this.segmentId = segmentId;
        this.activationId = activationId;
        this.ledger = ledger;
        this.people = people;
        this.batchSize = batchSize;
        this.heartbeat = heartbeat;
    }

    void deliver(List<Row> rows, Tally tally) {
        // no Marketo instance: the source keys are not needed
        Map<String, Person> persons = people.people(rows.stream().filter(Row::wanted).map(Row::personId).toList(), "");
        List<Outcome> settled = new ArrayList<>();
        List<Element> elements = new ArrayList<>();
        for (Row row : rows) {
            Person person = row.wanted() ? persons.get(row.personId()) : null;
            NotSent notSent = NotSent.of(row, person);
            if (notSent == null && (person.email() == null || person.email().isBlank())) {
                notSent = new NotSent("failed", NO_EMAIL);
            }
            String status = notSent == null ? null : notSent.status();
            String reason = notSent == null ? null : notSent.reason();
            boolean held = row.inDestination() && row.leadId() != null;
            if (status != null) {
                if (held) {
                    elements.add(new Element(row, new UserChange(false, row.leadId()), false, status, reason));
                } else {
                    settled.add(new Outcome(row, false, null, status, reason));
                    tally.settled(status);
                }
                continue;
            }
            String hash = LinkedInClient.sha256Email(person.email());
            if (held && hash.equals(row.leadId())) {
                settled.add(new Outcome(row, true, hash, "delivered", null));
                continue;
            }
            if (held) {
                // the person's email changed: the old hash leaves, the new one enters
                elements.add(new Element(row, new UserChange(false, row.leadId()), false, null, null));
            }
            elements.add(new Element(row, new UserChange(true, hash), true, "delivered", null));
        }
        ledger.apply(activationId, settled);
        for (int from = 0; from < elements.size(); from += batchSize) {
            List<Element> batch = elements.subList(from, Math.min(elements.size(), from + batchSize));
            heartbeat.run();
            List<String> errors = client.users(segmentId, batch.stream().map(Element::change).toList());
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Element element = batch.get(i);
                if (element.status() == null) {
                    continue; // the removal of an old hash; its row's outcome comes with its ADD
                }
                String error = errors.get(i);
                if (element.finalAdd()) {
                    if (error == null) {
                        outcomes.add(new Outcome(element.row(), true, element.change().sha256Email(), "delivered", null));
                        tally.added++;
                    } else {
                        outcomes.add(new Outcome(element.row(), false, null, "failed", error));
                        tally.failed++;
                    }
                } else {
                    outcomes.add(new Outcome(element.row(), error != null, error != null ? element.row().leadId() : null,
                            error != null ? "failed" : element.status(), error != null ? error : element.reason()));
                    tally.settled(error != null ? "failed" : element.status());
                }
            }
            ledger.apply(activationId, outcomes);
        }
    }

}
