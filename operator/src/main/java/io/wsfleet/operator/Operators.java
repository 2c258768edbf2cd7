package io.wsfleet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.operator.reconciler.WebSocketClusterReconciler;
import java.time.Clock;

/** Builds the operator; Main and the integration tests share it, so tests run the production configuration. */
public final class Operators {

    private Operators() {
    }

    /** The production operator: a replica that loses its Lease exits, and Kubernetes restarts it as a follower. */
    public static Operator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        return create(client, config, registry, true);
    }

    /**
     * @param exitOnLostLease whether losing the Lease ends the process; tests run the operator inside the
     *                        test JVM and stop it, which also gives the Lease up
     */
    public static Operator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry, boolean exitOnLostLease) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    // Updates replace objects instead of server-side apply: the operator owns its objects
                    // whole, and the same path runs against API servers without SSA (the test mock).
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build());
            if (config.leaderElection()) {
                overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(OperatorConfig.LEASE_NAME,
                        config.leaseNamespace().isEmpty() ? null : config.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE, LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, null, exitOnLostLease));
            }
        });
        operator.register(new WebSocketClusterReconciler(config.settings(), Clock.systemUTC()), controller -> {
            if (!config.namespaces().isEmpty()) {
                controller.settingNamespaces(config.namespaces());
            }
        });
        return operator;
    }
}
