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

    public static Operator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    // Updates replace objects instead of server-side apply: the operator owns its objects
                    // whole, and the same path runs against API servers without SSA (the test mock).
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build());
            if (config.leaderElection()) {
                overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(OperatorConfig.LEASE_NAME,
                        config.leaseNamespace().isEmpty() ? null : config.leaseNamespace()));
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
