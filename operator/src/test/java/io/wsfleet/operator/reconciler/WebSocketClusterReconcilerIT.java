package io.wsfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.Kubelet;
import io.wsfleet.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator in-process against the mock API server: what a user sees after kubectl apply and edit. */
class WebSocketClusterReconcilerIT {

    static OperatorHarness harness;
    static KubernetesClient client;

    String namespace;
    Kubelet kubelet;

    @BeforeAll
    static void startOperator() throws Exception {
        harness = OperatorHarness.start();
        client = harness.client();
        await().atMost(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopOperator() {
        harness.close();
    }

    @BeforeEach
    void freshNamespace() {
        namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        kubelet = new Kubelet(client, namespace);
    }

    @Test
    void createsEveryObjectOwnedByTheCluster() {
        WebSocketCluster cluster = apply(Clusters.minimal(namespace, "chat"));

        Deployment gateway = eventually(Deployment.class, "chat-gateway");
        List<HasMetadata> all = List.of(
                eventually(Secret.class, "chat-redis-auth"), eventually(StatefulSet.class, "chat-redis"),
                eventually(Service.class, "chat-redis"), eventually(ConfigMap.class, "chat-gateway-config"), gateway,
                eventually(Service.class, "chat-gateway"), eventually(HorizontalPodAutoscaler.class, "chat-gateway"),
                eventually(PodDisruptionBudget.class, "chat-gateway"));
        String uid = get(WebSocketCluster.class, "chat").getMetadata().getUid();
        assertThat(all).allSatisfy(object -> assertThat(object.getMetadata().getOwnerReferences())
                .singleElement().satisfies(owner -> {
                    assertThat(owner.getUid()).isEqualTo(uid);
                    assertThat(owner.getKind()).isEqualTo("WebSocketCluster");
                    assertThat(owner.getController()).isTrue();
                }));
        assertThat(gateway.getSpec().getReplicas()).as("the HPA owns the count").isNull();
        assertThat(cluster.getMetadata().getName()).isEqualTo("chat");
    }

    @Test
    void readinessFlowsIntoConditionsAndTheEndpoint() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Deployment.class, "chat-gateway");
        await().untilAsserted(() -> {
            assertThat(condition("chat", "Ready").getStatus()).isEqualTo("False");
            assertThat(condition("chat", "RedisReady").getReason()).isEqualTo("Starting");
            assertThat(condition("chat", "GatewayReady").getMessage()).isEqualTo("0 of 10 gateway pods ready");
        });

        kubelet.redisReady("chat-redis");
        await().untilAsserted(() -> assertThat(condition("chat", "RedisReady").getStatus()).isEqualTo("True"));
        kubelet.gatewayPodsReady("chat-gateway", 10);
        await().untilAsserted(() -> {
            assertThat(condition("chat", "GatewayReady").getStatus()).isEqualTo("True");
            assertThat(condition("chat", "Ready").getReason()).isEqualTo("EndpointNotReady");
        });
        kubelet.loadBalancerAddress("chat-gateway", "abc.elb.us-east-1.amazonaws.com");

        await().untilAsserted(() -> {
            WebSocketCluster cluster = get(WebSocketCluster.class, "chat");
            assertThat(condition("chat", "Ready").getStatus()).isEqualTo("True");
            assertThat(cluster.getStatus().endpoint()).isEqualTo("ws://abc.elb.us-east-1.amazonaws.com:443/ws");
            assertThat(cluster.getStatus().readyReplicas()).isEqualTo(10);
            assertThat(cluster.getStatus().observedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
            assertThat(cluster.getStatus().selector()).isEqualTo(
                    "app.kubernetes.io/name=wsfleet,app.kubernetes.io/instance=chat,app.kubernetes.io/component=gateway");
        });
    }

    // ---- helpers

    WebSocketCluster apply(WebSocketCluster cluster) {
        return client.resource(cluster).inNamespace(namespace).create();
    }

    void patchSpec(String name, String json) {
        client.resources(WebSocketCluster.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + json + "}");
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(namespace).withName(name).get();
    }

    <T extends HasMetadata> T eventually(Class<T> type, String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> get(type, name), object -> object != null);
    }

    Condition condition(String cluster, String type) {
        WebSocketCluster resource = get(WebSocketCluster.class, cluster);
        assertThat(resource.getStatus()).as("status").isNotNull();
        return resource.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + resource.getStatus()));
    }
}
