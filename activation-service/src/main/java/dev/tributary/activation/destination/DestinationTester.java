package dev.tributary.activation.destination;

import dev.tributary.activation.linkedin.LinkedInClients;
import dev.tributary.activation.linkedin.LinkedInException;
import dev.tributary.activation.marketo.MarketoClients;
import dev.tributary.activation.marketo.MarketoException;
import org.springframework.stereotype.Component;

/** Tries a destination's credentials against the destination itself. */
@Component
class DestinationTester {

    private final MarketoClients marketo;
    private final LinkedInClients linkedIn;

    DestinationTester(MarketoClients marketo, LinkedInClients linkedIn) {
        this.marketo = marketo;
        this.linkedIn = linkedIn;
    }

    record Result(boolean ok, String detail) {
    }

    Result test(Destination destination) {
        if (destination.secretProblem() != null) {
            throw new DestinationTestFailedException(true, destination.secretProblem()
                    + "; enter the destination's secrets again with PUT");
        }
        if (destination.type() == DestinationType.MARKETO_STATIC_LIST) {
            try {
                marketo.fresh(destination.marketoEndpoint()).testCredentials();
                return new Result(true, "Marketo instance " + destination.munchkinId() + " issued an access token");
            } catch (MarketoException e) {
                throw new DestinationTestFailedException(e.credentials(), e.getMessage());
            }
        }
        try {
            linkedIn.client(destination.linkedInEndpoint()).testCredentials();
            return new Result(true, "LinkedIn listed the segments of " + destination.linkedInEndpoint().accountUrn());
        } catch (LinkedInException e) {
            throw new DestinationTestFailedException(e.credentials(), e.getMessage());
        }
    }
}
