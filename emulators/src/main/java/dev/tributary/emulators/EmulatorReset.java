package dev.tributary.emulators;

import dev.tributary.emulators.dynamics.DynamicsRegistry;
import dev.tributary.emulators.linkedin.LinkedInEmulator;
import dev.tributary.emulators.marketo.MarketoRegistry;
import dev.tributary.emulators.salesforce.SalesforceRegistry;
import org.springframework.stereotype.Component;

/** Puts every emulated account back to its configured, empty state. */
@Component
public class EmulatorReset {

    private final MarketoRegistry marketo;
    private final LinkedInEmulator linkedIn;
    private final EmulatorClock clock;
    private final CallGate gate;
    private final SalesforceRegistry salesforce;
    private final DynamicsRegistry dynamics;

    EmulatorReset(MarketoRegistry marketo, LinkedInEmulator linkedIn, EmulatorClock clock, CallGate gate,
                  SalesforceRegistry salesforce, DynamicsRegistry dynamics) {
        this.marketo = marketo;
        this.linkedIn = linkedIn;
        this.clock = clock;
        this.gate = gate;
        this.salesforce = salesforce;
        this.dynamics = dynamics;
    }

    public void reset() {
        gate.resume();
        clock.reset();
        marketo.reset();
        linkedIn.reset();
        salesforce.reset();
        dynamics.reset();
    }
}
