package io.wsfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wsfleet.operator.support.ApiRequest;
import io.wsfleet.operator.support.ApiServerForm;
import io.wsfleet.operator.support.Clusters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The managed Redis through the operator: its disruption budget, Sentinel mode (replicas, a Sentinel in
 * each pod, the headless Service, the gateways' Sentinel URL) and back, and changes the API server refuses
 * to make in a StatefulSet (storage) applied by replacing it, pods kept, while the image update goes through;
 * Sentinel mode's objects as the API server stores them cause no update.
 */
class ManagedRedisIT extends ClusterIT {

    @Test
    void aSinglePodIsNeverEvictedAndSentinelModeAllowsOnePodAtATime() {
        apply(Clusters.minimal(namespace, "chat"));
        assertThat(eventually(PodDisruptionBudget.class, "chat-redis").getSpec().getMaxUnavailable().getIntVal()).isZero();
        assertThat(get(PodDisruptionBudget.class, "chat-redis").getSpec().getSelector().getMatchLabels())
                .isEqualTo(get(StatefulSet.class, "chat-redis").getSpec().getSelector().getMatchLabels());

        patchSpec("chat", "{\"redis\":{\"managed\":{\"replicas\":3}}}");

        await().untilAsserted(() -> assertThat(get(PodDisruptionBudget.class, "chat-redis").getSpec().getMaxUnavailable().getIntVal())
                .isEqualTo(1));
    }

    @Test
    void sentinelModeRunsServersAndSentinelsAndTheGatewaysAskTheSentinels() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(StatefulSet.class, "chat-redis");
        kubelet.redisPods("chat-redis", 1);

        patchSpec("chat", "{\"redis\":{\"managed\":{\"replicas\":3}}}");

        await().untilAsserted(() -> {
            StatefulSet redis = get(StatefulSet.class, "chat-redis");
            assertThat(redis).as("the StatefulSet (absent while it is replaced)").isNotNull();
            assertThat(redis.getSpec().getReplicas()).isEqualTo(3);
            assertThat(redis.getSpec().getServiceName()).isEqualTo("chat-redis-headless");
            assertThat(redis.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName)
                    .containsExactly("redis", "sentinel");
        });
        Service headless = eventually(Service.class, "chat-redis-headless");
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        String sentinels = "chat-redis-0.chat-redis-headless." + namespace + ".svc:26379,chat-redis-1.chat-redis-headless." + namespace
                + ".svc:26379,chat-redis-2.chat-redis-headless." + namespace + ".svc:26379";
        await().untilAsserted(() -> {
            assertThat(configFile("chat")).contains("url: \"redis-sentinel://" + sentinels + "#wsfleet\"");
            assertThat(gatewayEnv()).contains("REDIS_PASSWORD", "REDIS_SENTINEL_PASSWORD");
        });
        assertThat(env(get(StatefulSet.class, "chat-redis").getSpec().getTemplate().getSpec().getContainers().get(1), "QUORUM"))
                .isEqualTo("2");
        await().untilAsserted(() -> assertThat(get(Pod.class, "chat-redis-0"))
                .as("the pod of the replaced StatefulSet, which has no DNS name under the new governing Service").isNull());

        kubelet.redisReady("chat-redis", 1);
        await().untilAsserted(() -> assertThat(condition("chat", "RedisReady").getMessage())
                .isEqualTo("1 of 3 Redis pods ready, fewer than a quorum of Sentinels (2)"));
        kubelet.redisReady("chat-redis", 2);
        await().untilAsserted(() -> assertThat(condition("chat", "RedisReady").getStatus()).isEqualTo("True"));

        patchSpec("chat", "{\"redis\":{\"managed\":{\"replicas\":1}}}");

        await().untilAsserted(() -> {
            StatefulSet redis = get(StatefulSet.class, "chat-redis");
            assertThat(redis).as("the StatefulSet (absent while it is replaced)").isNotNull();
            assertThat(redis.getSpec().getServiceName()).isEqualTo("chat-redis");
            assertThat(redis.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName).containsExactly("redis");
            assertThat(get(Service.class, "chat-redis-headless")).isNull();
            assertThat(configFile("chat")).contains("url: \"redis://chat-redis:6379\"");
            assertThat(gatewayEnv()).doesNotContain("REDIS_SENTINEL_PASSWORD");
        });
    }

    @Test
    void theApiServerRefusesAStorageChangeInPlace() {
        apply(Clusters.minimal(namespace, "chat"));
        StatefulSet redis = eventually(StatefulSet.class, "chat-redis");
        redis.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests().put("storage", new Quantity("2Gi"));

        assertThatThrownBy(() -> client.resource(redis).update()).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void aStorageChangeReplacesTheStatefulSetKeepingItsPodsAndTheImageChangeGoesThrough() {
        apply(Clusters.minimal(namespace, "chat"));
        String before = eventually(StatefulSet.class, "chat-redis").getMetadata().getUid();
        kubelet.redisPods("chat-redis", 1);

        patchSpec("chat", "{\"redis\":{\"managed\":{\"storage\":\"5Gi\",\"image\":\"example.org/redis:8\"}}}");

        await().untilAsserted(() -> {
            StatefulSet redis = get(StatefulSet.class, "chat-redis");
            assertThat(redis).as("the StatefulSet (absent while it is replaced)").isNotNull();
            assertThat(redis.getMetadata().getUid()).isNotEqualTo(before);
            assertThat(redis.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests().get("storage"))
                    .isEqualTo(new Quantity("5Gi"));
            assertThat(redis.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("example.org/redis:8");
        });
        assertThat(get(Pod.class, "chat-redis-0")).as("the pod, orphaned for the new StatefulSet to adopt").isNotNull();
        List<ApiRequest> statefulSetWrites = OPERATOR.harness().operatorRequests().stream()
                .filter(request -> request.isWrite() && request.resource().equals("statefulsets") && request.namespace().equals(namespace))
                .toList();
        assertThat(statefulSetWrites).extracting(ApiRequest::verb).containsExactly("create", "delete", "create");
        awaitObserved("chat");
        assertThat(condition("chat", "Ready").getReason()).isNotEqualTo("ReconcileFailed");
    }

    @Test
    void sentinelModeObjectsInTheApiServersFormCauseNoUpdate() {
        apply(Clusters.minimal(namespace, "chat"));
        // 1024Mi: the API server stores it as 1Gi
        patchSpec("chat", "{\"redis\":{\"managed\":{\"replicas\":3,\"storage\":\"1024Mi\"}}}");
        await().untilAsserted(() -> assertThat(get(Service.class, "chat-redis-headless")).isNotNull());
        awaitObserved("chat");
        long writes = redisWrites();
        for (Class<? extends HasMetadata> kind : List.of(StatefulSet.class, Service.class, PodDisruptionBudget.class)) {
            for (String name : List.of("chat-redis", "chat-redis-headless")) {
                HasMetadata live = get(kind, name);
                if (live != null) {
                    client.resource(ApiServerForm.of(live)).update();
                }
            }
        }

        // every event above is reconciled; one more change proves the operator kept working through them
        patchSpec("chat", "{\"limits\":{\"messagesPerMinute\":250}}");
        await().untilAsserted(() -> assertThat(configFile("chat")).contains("messages-per-minute: 250"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redisWrites()).isEqualTo(writes));
    }

    /** The operator's writes of the Redis objects. */
    private long redisWrites() {
        return List.of("statefulsets", "services", "poddisruptionbudgets").stream()
                .mapToLong(resource -> OPERATOR.harness().writes(resource, namespace, "chat-redis")
                        + OPERATOR.harness().writes(resource, namespace, "chat-redis-headless"))
                .sum();
    }

    private List<String> gatewayEnv() {
        return get(Deployment.class, "chat-gateway").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .map(EnvVar::getName).toList();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst().orElseThrow().getValue();
    }
}
