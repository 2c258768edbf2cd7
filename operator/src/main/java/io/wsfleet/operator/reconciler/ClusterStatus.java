package io.wsfleet.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterStatus;
import io.wsfleet.operator.model.ClusterNames;
import io.wsfleet.operator.model.EdgeModel;
import io.wsfleet.operator.model.RedisModel;
import io.wsfleet.operator.model.SpecProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Status from what was observed: pure, so that it can be tested without an API server. */
final class ClusterStatus {

    static final String READY = "Ready";
    static final String REDIS_READY = "RedisReady";
    static final String GATEWAY_READY = "GatewayReady";
    static final String ENDPOINT_READY = "EndpointReady";
    static final String INVALID_SPEC = "InvalidSpec";

    private ClusterStatus() {
    }

    /** A spec that cannot be applied: Ready turns False, naming the fields; nothing else is touched. */
    static WebSocketClusterStatus invalid(WebSocketCluster resource, List<SpecProblem> problems, Instant now) {
        WebSocketClusterStatus previous = previousOf(resource);
        Conditions conditions = new Conditions(previous.conditions(), generation(resource), now)
                .set(READY, false, INVALID_SPEC, problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")));
        return new WebSocketClusterStatus(generation(resource), conditions.list(), previous.endpoint(),
                previous.replicas(), previous.readyReplicas(), ClusterNames.of(resource).gatewaySelectorString());
    }

    /** The failure of the last attempt to apply the objects, until one succeeds. */
    static WebSocketClusterStatus failed(WebSocketCluster resource, Exception failure, Instant now) {
        WebSocketClusterStatus previous = previousOf(resource);
        Conditions conditions = new Conditions(previous.conditions(), generation(resource), now)
                .set(READY, false, "ReconcileFailed", String.valueOf(failure.getMessage()));
        return new WebSocketClusterStatus(previous.observedGeneration(), conditions.list(), previous.endpoint(),
                previous.replicas(), previous.readyReplicas(), ClusterNames.of(resource).gatewaySelectorString());
    }

    static WebSocketClusterStatus observed(WebSocketCluster resource, Observed observed, Instant now) {
        Conditions conditions = new Conditions(previousOf(resource).conditions(), generation(resource), now);
        Readiness redis = redis(resource, observed.redis());
        Readiness gateway = gateway(resource, observed.gateway());
        Optional<String> endpoint = EdgeModel.endpoint(resource, observed.service());
        Readiness edge = endpoint.isPresent()
                ? new Readiness(true, "Assigned", "clients connect to " + endpoint.get())
                : observed.service() == null ? new Readiness(false, "Creating", "the Service does not exist yet")
                : new Readiness(false, "Pending", "waiting for the load balancer's address");
        conditions.set(REDIS_READY, redis.ready(), redis.reason(), redis.message())
                .set(GATEWAY_READY, gateway.ready(), gateway.reason(), gateway.message())
                .set(ENDPOINT_READY, edge.ready(), edge.reason(), edge.message());
        Readiness all = List.of(redis.named(REDIS_READY), gateway.named(GATEWAY_READY), edge.named(ENDPOINT_READY)).stream()
                .filter(readiness -> !readiness.ready()).findFirst()
                .orElse(new Readiness(true, "Ready", "the cluster serves clients"));
        conditions.set(READY, all.ready(), all.reason(), all.message());

        Deployment deployment = observed.gateway();
        return new WebSocketClusterStatus(generation(resource), conditions.list(), endpoint.orElse(null),
                deploymentCount(deployment, true), deploymentCount(deployment, false),
                ClusterNames.of(resource).gatewaySelectorString());
    }

    private static Readiness redis(WebSocketCluster resource, StatefulSet statefulSet) {
        if (!resource.getSpec().redis().managedByOperator()) {
            return new Readiness(true, "External", "the gateways use " + resource.getSpec().redis().external().url());
        }
        if (statefulSet == null) {
            return new Readiness(false, "Creating", "the Redis StatefulSet does not exist yet");
        }
        int ready = statefulSet.getStatus() == null || statefulSet.getStatus().getReadyReplicas() == null
                ? 0 : statefulSet.getStatus().getReadyReplicas();
        ManagedRedisSpec managed = resource.getSpec().redis().managed();
        if (!managed.sentinel()) {
            return ready > 0
                    ? new Readiness(true, "Running", "Redis is ready")
                    : new Readiness(false, "Starting", "the Redis pod is not ready");
        }
        String counts = ready + " of " + managed.replicas() + " Redis pods ready";
        return ready >= RedisModel.quorum(managed)
                ? new Readiness(true, "Running", counts + ", a quorum of Sentinels")
                : new Readiness(false, "Starting", counts + ", fewer than a quorum of Sentinels (" + RedisModel.quorum(managed) + ")");
    }

    private static Readiness gateway(WebSocketCluster resource, Deployment deployment) {
        if (deployment == null) {
            return new Readiness(false, "Creating", "the gateway Deployment does not exist yet");
        }
        int wanted = deployment.getSpec().getReplicas() != null ? deployment.getSpec().getReplicas()
                : resource.getSpec().autoscaling().minReplicas();
        int ready = deploymentCount(deployment, false);
        String counts = ready + " of " + wanted + " gateway pods ready";
        if (wanted == 0) {
            return new Readiness(false, "ScaledToZero", counts);
        }
        return ready >= wanted ? new Readiness(true, "PodsReady", counts) : new Readiness(false, "PodsNotReady", counts);
    }

    private static int deploymentCount(Deployment deployment, boolean all) {
        if (deployment == null || deployment.getStatus() == null) {
            return 0;
        }
        Integer count = all ? deployment.getStatus().getReplicas() : deployment.getStatus().getReadyReplicas();
        return count == null ? 0 : count;
    }

    private static WebSocketClusterStatus previousOf(WebSocketCluster resource) {
        return resource.getStatus() != null ? resource.getStatus()
                : new WebSocketClusterStatus(null, List.of(), null, null, null, null);
    }

    private static long generation(WebSocketCluster resource) {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    private record Readiness(boolean ready, String reason, String message) {
        /** As the reason of Ready: which condition holds it back, e.g. GatewayReady/PodsNotReady. */
        Readiness named(String type) {
            return ready ? this : new Readiness(false, type.replace("Ready", "NotReady"), message);
        }
    }
}
