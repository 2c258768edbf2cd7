package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every name and label the operator derives from a WebSocketCluster, in one place, and the
 * owner reference that makes Kubernetes delete its objects with it.
 */
public record ClusterNames(String cluster, String namespace, OwnerReference owner) {

    public static final String GATEWAY = "gateway";
    public static final String REDIS = "redis";

    public static ClusterNames of(WebSocketCluster resource) {
        OwnerReference owner = new OwnerReferenceBuilder()
                .withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
                .withName(resource.getMetadata().getName()).withUid(resource.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true)
                .build();
        return new ClusterNames(resource.getMetadata().getName(), resource.getMetadata().getNamespace(), owner);
    }

    public String gateway() {
        return cluster + "-gateway";
    }

    /** The ClusterIP Service of the gateways' admin port. */
    public String gatewayAdmin() {
        return cluster + "-gateway-admin";
    }

    public String gatewayConfig() {
        return cluster + "-gateway-config";
    }

    public String redis() {
        return cluster + "-redis";
    }

    public String redisSecret() {
        return cluster + "-redis-auth";
    }

    /** The headless Service that gives each Redis pod of Sentinel mode its DNS name. */
    public String redisHeadless() {
        return cluster + "-redis-headless";
    }

    /** The stable DNS name of the Redis pod {@code ordinal} in Sentinel mode. */
    public String redisPodHost(int ordinal) {
        return redis() + "-" + ordinal + "." + redisHeadless() + "." + namespace + ".svc";
    }

    /** In-cluster address of the managed Redis: its Service, or in Sentinel mode every pod's Sentinel and the master's name. */
    public String redisUrl(ManagedRedisSpec redis) {
        if (!redis.sentinel()) {
            return "redis://" + redis() + ":" + RedisModel.PORT;
        }
        return IntStream.range(0, redis.replicas()).mapToObj(ordinal -> redisPodHost(ordinal) + ":" + RedisModel.SENTINEL_PORT)
                .collect(Collectors.joining(",", "redis-sentinel://", "#" + RedisModel.MASTER_NAME));
    }

    /** The labels that select one component's pods; they never change for the life of the cluster. */
    public Map<String, String> selector(String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "wsfleet");
        labels.put("app.kubernetes.io/instance", cluster);
        labels.put("app.kubernetes.io/component", component);
        return labels;
    }

    public Map<String, String> labels(String component) {
        Map<String, String> labels = selector(component);
        labels.put("app.kubernetes.io/managed-by", "wsfleet-operator");
        return labels;
    }

    /** The gateway selector as a label query string, for the scale subresource. */
    public String gatewaySelectorString() {
        return selector(GATEWAY).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    ObjectMeta metadata(String name, String component) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels(component))
                .withOwnerReferences(owner).build();
    }
}
