package dev.tributary.emulators;

import dev.tributary.emulators.dynamics.DynamicsHandle;
import dev.tributary.emulators.dynamics.DynamicsOrg;
import dev.tributary.emulators.dynamics.DynamicsProperties;
import dev.tributary.emulators.dynamics.DynamicsRegistry;
import dev.tributary.emulators.linkedin.LinkedInEmulator;
import dev.tributary.emulators.linkedin.LinkedInHandle;
import dev.tributary.emulators.marketo.MarketoHandle;
import dev.tributary.emulators.marketo.MarketoInstance;
import dev.tributary.emulators.marketo.MarketoProperties;
import dev.tributary.emulators.marketo.MarketoRegistry;
import dev.tributary.emulators.salesforce.SalesforceHandle;
import dev.tributary.emulators.salesforce.SalesforceOrg;
import dev.tributary.emulators.salesforce.SalesforceProperties;
import dev.tributary.emulators.salesforce.SalesforceRegistry;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulators running in this JVM on a random port, for other modules' tests:
 * {@code try (Emulators emulators = Emulators.builder().marketoInstance("123-ABC-456", "id", "secret")
 * .linkedInToken("token").start())}.
 */
public final class Emulators implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private Emulators(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public MarketoHandle marketo(String munchkinId) {
        MarketoInstance instance = context.getBean(MarketoRegistry.class).find(munchkinId);
        if (instance == null) {
            throw new IllegalArgumentException("no emulated Marketo instance " + munchkinId);
        }
        return new MarketoHandle(instance, baseUrl);
    }

    public SalesforceHandle salesforce(String instanceId) {
        SalesforceOrg org = context.getBean(SalesforceRegistry.class).find(instanceId);
        if (org == null) {
            throw new IllegalArgumentException("no emulated Salesforce org " + instanceId);
        }
        return new SalesforceHandle(org, baseUrl);
    }

    public DynamicsHandle dynamics(String instanceId) {
        DynamicsOrg org = context.getBean(DynamicsRegistry.class).find(instanceId);
        if (org == null) {
            throw new IllegalArgumentException("no emulated Dynamics environment " + instanceId);
        }
        return new DynamicsHandle(org, baseUrl);
    }

    /** Adds a Salesforce org while running (or answers the existing one with the same credentials). */
    public SalesforceHandle addSalesforceInstance(String instanceId, String clientId, String clientSecret) {
        return new SalesforceHandle(context.getBean(SalesforceRegistry.class)
                .add(new SalesforceProperties.Instance(instanceId, clientId, clientSecret)), baseUrl);
    }

    /** Adds a Dataverse environment while running (or answers the existing one with the same credentials). */
    public DynamicsHandle addDynamicsInstance(String instanceId, String clientId, String clientSecret) {
        return new DynamicsHandle(context.getBean(DynamicsRegistry.class)
                .add(new DynamicsProperties.Instance(instanceId, clientId, clientSecret)), baseUrl);
    }

    public LinkedInHandle linkedIn() {
        return new LinkedInHandle(context.getBean(LinkedInEmulator.class), baseUrl);
    }

    /** Adds a Marketo instance while running. */
    public MarketoHandle addMarketoInstance(String munchkinId, String clientId, String clientSecret) {
        MarketoInstance instance = context.getBean(MarketoRegistry.class)
                .add(new MarketoProperties.Instance(munchkinId, clientId, clientSecret));
        return new MarketoHandle(instance, baseUrl);
    }

    /** Moves the emulators' clock (rate windows, token expiry, segment readiness) forward. */
    public void advanceClock(Duration by) {
        context.getBean(EmulatorClock.class).advance(by);
    }

    /** Stops the emulators' clock: from now on only {@link #advanceClock(Duration)} moves it (until a reset). */
    public void freezeClock() {
        context.getBean(EmulatorClock.class).freeze();
    }

    /** Admitted calls wait until {@link #resume()}: keeps calls in flight for concurrency tests. */
    public void pause() {
        context.getBean(CallGate.class).pause();
    }

    public void resume() {
        context.getBean(CallGate.class).resume();
    }

    public int heldCalls() {
        return context.getBean(CallGate.class).held();
    }

    /** Forgets every account's data, tokens, counters and faults; restores configured limits and the clock. */
    public void reset() {
        context.getBean(EmulatorReset.class).reset();
    }

    @Override
    public void close() {
        context.getBean(CallGate.class).resume();
        context.close();
    }

    /** Settings for an in-process start; anything not set comes from emulators.yml. */
    public static final class Builder {

        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<MarketoProperties.Instance> marketoInstances = new ArrayList<>();
        private final List<String> linkedInTokens = new ArrayList<>();
        private final List<String[]> crmInstances = new ArrayList<>();
        private int port;

        private Builder() {
        }

        public Builder marketoInstance(String munchkinId, String clientId, String clientSecret) {
            marketoInstances.add(new MarketoProperties.Instance(munchkinId, clientId, clientSecret));
            return this;
        }

        /** A Salesforce org served under /salesforce/{instanceId}. */
        public Builder salesforceInstance(String instanceId, String clientId, String clientSecret) {
            crmInstances.add(new String[] {"salesforce", instanceId, clientId, clientSecret});
            return this;
        }

        /** A Dataverse environment served under /dynamics/{instanceId}. */
        public Builder dynamicsInstance(String instanceId, String clientId, String clientSecret) {
            crmInstances.add(new String[] {"dynamics", instanceId, clientId, clientSecret});
            return this;
        }

        public Builder linkedInToken(String token) {
            linkedInTokens.add(token);
            return this;
        }

        /** Any {@code cdp.emulators.*} setting, e.g. {@code property("cdp.emulators.marketo.daily-quota", 1000)}. */
        public Builder property(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Emulators start() {
            List<String> args = new ArrayList<>();
            args.add("--server.port=" + port);
            for (int i = 0; i < marketoInstances.size(); i++) {
                MarketoProperties.Instance instance = marketoInstances.get(i);
                String prefix = "--cdp.emulators.marketo.instances[" + i + "].";
                args.add(prefix + "munchkin-id=" + instance.munchkinId());
                args.add(prefix + "client-id=" + instance.clientId());
                args.add(prefix + "client-secret=" + instance.clientSecret());
            }
            for (int i = 0; i < linkedInTokens.size(); i++) {
                args.add("--cdp.emulators.linkedin.access-tokens[" + i + "]=" + linkedInTokens.get(i));
            }
            Map<String, Integer> crmCounts = new LinkedHashMap<>();
            for (String[] crm : crmInstances) {
                int i = crmCounts.merge(crm[0], 1, Integer::sum) - 1;
                String prefix = "--cdp.emulators." + crm[0] + ".instances[" + i + "].";
                args.add(prefix + "instance-id=" + crm[1]);
                args.add(prefix + "client-id=" + crm[2]);
                args.add(prefix + "client-secret=" + crm[3]);
            }
            properties.forEach((name, value) -> args.add("--" + name + "=" + value));
            return new Emulators(EmulatorsApplication.builder().run(args.toArray(String[]::new)));
        }
    }
}
