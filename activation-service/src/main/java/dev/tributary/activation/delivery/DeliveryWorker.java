package dev.tributary.activation.delivery;

import dev.tributary.activation.activation.Activation;
import dev.tributary.activation.activation.ActivationChanged;
import dev.tributary.activation.activation.SegmentationClient;
import dev.tributary.activation.destination.Destination;
import dev.tributary.activation.destination.Destinations;
import dev.tributary.activation.destination.DestinationType;
import dev.tributary.activation.linkedin.LinkedInClient;
import dev.tributary.activation.linkedin.LinkedInClients;
import dev.tributary.activation.linkedin.LinkedInException;
import dev.tributary.activation.marketo.MarketoClient;
import dev.tributary.activation.marketo.MarketoClients;
import dev.tributary.activation.marketo.MarketoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Delivers activations with work (pending ledger rows, a list to create and members to backfill, a reconcile asked
 * for, a clearing stop), one at a time, each under a lease so that two instances never deliver the same one. A run
 * that fails (destination unreachable or refusing, segmentation down) leaves its rows pending and is retried after a
 * growing wait, with the failure in the activation's {@code lastError}.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final ActivationRuns runs;
    private final Destinations destinations;
    private final SegmentationClient segmentation;
    private final MarketoClients marketo;
    private final LinkedInClients linkedIn;
    private final Ledger ledger;
    private final PersonDirectory people;
    private final AccountDirectory companies;
    private final DeliveryProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    DeliveryWorker(ActivationRuns runs, Destinations destinations, SegmentationClient segmentation, MarketoClients marketo,
                   LinkedInClients linkedIn, Ledger ledger, PersonDirectory people, AccountDirectory companies,
                   DeliveryProperties properties) {
        this.runs = runs;
        this.destinations = destinations;
        this.segmentation = segmentation;
        this.marketo = marketo;
        this.linkedIn = linkedIn;
        this.ledger = ledger;
        this.people = people;
        this.companies = companies;
        this.properties = properties;
    }

    public void wakeUp() {
        wakeUps.release();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onActivationChanged(ActivationChanged event) {
        wakeUp();
    }

    /** Delivers every activation that has work now; returns how many it ran. */
    public int runOnce() {
        List<Activation> due = runs.due();
        int ran = 0;
        for (Activation activation : due) {
            if (!running && thread != null) {
                break;
            }
            if (runs.claim(activation.id())) {
                try {
                    deliver(activation.id());
                    ran++;
                } finally {
                    // a stop interrupts a call in flight; the lease is still released, then the thread ends
                    boolean interrupted = Thread.interrupted();
                    try {
                        runs.release(activation.id());
                    } finally {
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
        }
        return ran;
    }

    private void deliver(UUID id) {
        Activation activation = runs.load(id);
        String kind = Activation.STARTING.equals(activation.status()) ? "backfill"
                : Activation.CLEARING.equals(activation.status()) ? "clear"
                : activation.reconcileRequested() ? "reconcile" : "incremental";
        long deliveryId = runs.startDelivery(id, kind);
        Tally tally = new Tally();
        LongSupplier calls = () -> 0;
        long callsBefore = 0;
        String error = null;
        try {
            Destination destination = destinations.get(activation.destinationId().toString());
            boolean toMarketo = destination.type() == DestinationType.MARKETO_STATIC_LIST;
            MarketoClient client = toMarketo ? marketo.client(destination.marketoEndpoint()) : null;
            LinkedInClient audience = toMarketo ? null : linkedIn.client(destination.linkedInEndpoint());
            calls = toMarketo ? client::calls : audience::calls;
            boolean accounts = "account".equals(activation.audience());
            String segmentType = accounts ? "COMPANY" : "USER";
            callsBefore = calls.getAsLong();
            long listId = toMarketo
                    ? listId(activation, name -> client.findStaticList(name).orElseGet(() -> client.createStaticList(name,
                            destination.folderId() != null ? destination.folderId() : marketo.defaultFolderId())))
                    : listId(activation, name -> audience.findSegment(name, segmentType).orElseGet(
                            () -> audience.createSegment(name, segmentType)));
            if (Activation.STARTING.equals(activation.status())) {
                backfill(activation);
                runs.backfilled(id);
            }
            if (runs.load(id).reconcileRequested()) {
                // LinkedIn does not list a segment's members: a reconcile sends everyone again (a repeated ADD is a no-op)
                ledger.retryFailed(id);
                if (toMarketo) {
                    tally.removed += reconcile(id, client, listId);
                } else {
                    ledger.resendDelivered(id);
                }
                runs.reconciled(id);
            }
            Runnable heartbeat = () -> runs.renewLease(id);
            MarketoDelivery toList = toMarketo
                    ? new MarketoDelivery(destination, client, listId, id, ledger, people, marketo.batchSize(), heartbeat) : null;
            LinkedInDelivery toAudience = toMarketo || accounts
                    ? null : new LinkedInDelivery(audience, listId, id, ledger, people, linkedIn.elementsPerCall(), heartbeat);
            LinkedInCompanyDelivery toCompanies = toMarketo || !accounts
                    ? null : new LinkedInCompanyDelivery(audience, listId, id, ledger, companies, linkedIn.elementsPerCall(), heartbeat);
            List<Ledger.Row> rows;
            while (!(rows = ledger.pending(id, properties.rowsPerRound())).isEmpty()) {
                if (toMarketo) {
                    toList.deliver(rows, tally);
                } else if (accounts) {
                    toCompanies.deliver(rows, tally);
                } else {
                    toAudience.deliver(rows, tally);
                }
            }
            runs.succeeded(id);
        } catch (MarketoException | LinkedInException | SegmentationClient.SegmentationUnavailableException
                 | Destination.SecretUnreadableException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Delivery of activation {} failed", id, e);
        } finally {
            // the run's outcome is written even when a stop interrupted its call (the pool refuses interrupted threads)
            boolean interrupted = Thread.interrupted();
            if (error != null) {
                int failures = runs.failed(id, error);
                log.info("Delivery of activation {} failed ({} in a row), retrying later: {}", id, failures, error);
            }
            runs.finishDelivery(deliveryId, tally, (int) (calls.getAsLong() - callsBefore), error);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The list's (segment's) id: the one found by name, else a new one; kept on the activation. */
    private long listId(Activation activation, ToLongFunction<String> findOrCreate) {
        if (activation.listId() != null) {
            return Long.parseLong(activation.listId());
        }
        long listId = findOrCreate.applyAsLong(activation.listName());
        runs.keepListId(activation.id(), listId);
        return listId;
    }

    /** Reads the segment's current members into the ledger, page by page. */
    private void backfill(Activation activation) {
        String cursor = null;
        do {
            SegmentationClient.MembersPage page = segmentation.members(activation.segmentId(), cursor, properties.membersPage());
            ledger.backfill(activation.id(), page.members().stream().map(SegmentationClient.Member::id).toList(),
                    page.members().stream().map(SegmentationClient.Member::since).toList());
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    /**
     * Compares what the list holds with the ledger: rows believed delivered whose lead is missing are sent again,
     * leads the list holds that no row sent are removed. Returns how many were removed.
     */
    private int reconcile(UUID id, MarketoClient client, long listId) {
        Set<Long> held = client.listMembers(listId);
        Set<String> heldIds = new HashSet<>();
        held.forEach(l -> heldIds.add(Long.toString(l)));
        ledger.missingFromDestination(id, heldIds);
        Set<Long> extra = new HashSet<>(held);
        ledger.heldLeads(id).forEach(l -> extra.remove(Long.parseLong(l)));
        List<Long> toRemove = new ArrayList<>(extra);
        for (int from = 0; from < toRemove.size(); from += marketo.batchSize()) {
            client.removeFromList(listId, toRemove.subList(from, Math.min(toRemove.size(), from + marketo.batchSize())));
        }
        return toRemove.size();
    }

    private void loop() {
        while (running) {
            try {
                if (runOnce() == 0) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is unavailable: the work stays in the ledger and is picked up again
                log.warn("Delivery worker failed, retrying", e);
                try {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "activation-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
