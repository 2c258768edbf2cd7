package io.wsfleet.operator;

import io.wsfleet.operator.model.OperatorSettings;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator process's settings, from environment variables (set by the Helm chart).
 *
 * @param namespaces      namespaces to watch; empty: all
 * @param leaderElection  whether replicas elect a leader through a Lease
 * @param leaseNamespace  the Lease's namespace (the operator's own)
 * @param healthPort      port of /healthz, /readyz and /metrics
 */
public record OperatorConfig(Set<String> namespaces, OperatorSettings settings, boolean leaderElection,
                             String leaseNamespace, int healthPort) {

    public static final String LEASE_NAME = "wsfleet-operator-leader";

    public static OperatorConfig fromEnvironment(Map<String, String> env) {
        Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
        OperatorSettings settings = new OperatorSettings(
                text(env, "GATEWAY_IMAGE", OperatorSettings.DEFAULT_GATEWAY_IMAGE),
                text(env, "REDIS_IMAGE", OperatorSettings.DEFAULT_REDIS_IMAGE));
        String leaderElection = text(env, "LEADER_ELECTION", "true");
        if (!leaderElection.equalsIgnoreCase("true") && !leaderElection.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("LEADER_ELECTION must be true or false, got '" + leaderElection + "'");
        }
        String port = text(env, "HEALTH_PORT", "8081");
        try {
            return new OperatorConfig(namespaces, settings, Boolean.parseBoolean(leaderElection),
                    text(env, "POD_NAMESPACE", ""), Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HEALTH_PORT must be an integer, got '" + port + "'");
        }
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
