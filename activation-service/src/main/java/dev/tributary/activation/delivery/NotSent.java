package dev.tributary.activation.delivery;

import dev.tributary.activation.delivery.Ledger.Row;
import dev.tributary.activation.delivery.PersonDirectory.Person;

/**
 * Why a person's ledger row is not sent as an add, whatever the destination: the person left the segment, is not
 * in the profiles, or withdrew marketing consent (governance, ADR 0026).
 */
record NotSent(String status, String reason) {

    static final String CONSENT_WITHDRAWN = "consent: marketing email is n";
    static final String NOT_IN_PROFILES = "person not found in profile_read.person";

    /** @return null when the person may be sent */
    static NotSent of(Row row, Person person) {
        if (!row.wanted()) {
            return new NotSent("removed", null);
        }
        if (person == null) {
            return new NotSent("failed", NOT_IN_PROFILES);
        }
        if (person.consentWithdrawn()) {
            return new NotSent("held", CONSENT_WITHDRAWN);
        }
        return null;
    }
}
