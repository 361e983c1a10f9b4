package dev.tributary.activation.destination;

import dev.tributary.activation.marketo.MarketoClients;
import dev.tributary.activation.marketo.MarketoException;
import org.springframework.stereotype.Component;

/** Tries a destination's credentials against the destination itself. */
@Component
class DestinationTester {

    private final MarketoClients marketo;

    DestinationTester(MarketoClients marketo) {
        this.marketo = marketo;
    }

    record Result(boolean ok, String detail) {
    }

    Result test(Destination destination) {
        if (destination.type() == DestinationType.MARKETO_STATIC_LIST) {
            try {
                marketo.fresh(destination.marketoEndpoint()).testCredentials();
                return new Result(true, "Marketo instance " + destination.munchkinId() + " issued an access token");
            } catch (MarketoException e) {
                throw new DestinationTestFailedException(e.credentials(), e.getMessage());
            }
        }
        throw new DestinationTestFailedException(false, "Testing " + destination.type().wireName()
                + " destinations is not implemented yet");
    }
}
