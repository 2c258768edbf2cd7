package io.wsfleet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: settings from the environment, the operator, its health and metrics server. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        OperatorConfig config;
        try {
            config = OperatorConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry registry = OperatorMetrics.registry();
        KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = Operators.create(client, config, registry);
        HealthServer health = HealthServer.start(config.healthPort(), operator, registry);
        Runtime.getRuntime().addShutdownHook(new Thread(health::close));
        operator.installShutdownHook(Duration.ofSeconds(10));
        operator.start();
        LOG.info("wsfleet operator started: namespaces {}, leader election {}, health and metrics on port {}",
                config.namespaces().isEmpty() ? "all" : config.namespaces(), config.leaderElection(), health.port());
    }
}
