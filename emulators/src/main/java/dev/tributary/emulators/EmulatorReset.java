package dev.tributary.emulators;

import dev.tributary.emulators.linkedin.LinkedInEmulator;
import dev.tributary.emulators.marketo.MarketoRegistry;
import org.springframework.stereotype.Component;

/** Puts every emulated account back to its configured, empty state. */
@Component
public class EmulatorReset {

    private final MarketoRegistry marketo;
    private final LinkedInEmulator linkedIn;
    private final EmulatorClock clock;
    private final CallGate gate;

    EmulatorReset(MarketoRegistry marketo, LinkedInEmulator linkedIn, EmulatorClock clock, CallGate gate) {
        this.marketo = marketo;
        this.linkedIn = linkedIn;
        this.clock = clock;
        this.gate = gate;
    }

    public void reset() {
        gate.resume();
        clock.reset();
        marketo.reset();
        linkedIn.reset();
    }
}
