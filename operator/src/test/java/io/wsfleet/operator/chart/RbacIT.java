package io.wsfleet.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsfleet.operator.OperatorConfig;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.support.ApiRequest;
import io.wsfleet.operator.support.ChartRbac;
import io.wsfleet.operator.support.ChartRbac.Permission;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.CustomKinds;
import io.wsfleet.operator.support.Helm;
import io.wsfleet.operator.support.Kubelet;
import io.wsfleet.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * RBAC from evidence: the operator, with leader election as the chart runs it, goes through every kind
 * of change (create, update, drift repair, delete of each kind, status), while the mock API server records
 * each of its requests. Every request must be granted by the chart, and every permission the chart
 * grants must have been used, but for the ones listed in {@link #NOT_REQUESTS} with their reason.
 */
class RbacIT {

    static final String NAMESPACE = "rbac";

    /** Granted although the operator never sends such a request, each for a reason the API server has. */
    static final Map<String, String> NOT_REQUESTS = Map.of(
            "update coordination.k8s.io/leases in " + ChartRbac.RELEASE_NAMESPACE,
            "JOSDK elects a leader only if a SelfSubjectRulesReview shows get, create and update on leases (it renews with patch)",
            "update wsfleet.io/websocketclusters/finalizers",
            "the owner references set blockOwnerDeletion, which the OwnerReferencesPermissionEnforcement admission plugin"
                    + " allows only to whoever may update the owner's finalizers");

    /** Resources every authenticated user may create (the cluster's system:basic-user role): JOSDK checks its Lease access so. */
    static final Set<String> EVERYONE_MAY = Set.of("selfsubjectrulesreviews");

    @Test
    void everyRequestIsGrantedAndEveryGrantIsUsed() throws Exception {
        ChartRbac chart = ChartRbac.render(Helm.fetch());
        List<ApiRequest> requests;
        try (OperatorHarness harness = OperatorHarness.start(
                new OperatorConfig(Set.of(), OperatorHarness.SETTINGS, true, ChartRbac.RELEASE_NAMESPACE, 0), new SimpleMeterRegistry())) {
            exerciseEveryKindOfChange(harness.client());
            requests = harness.operatorRequests();
        }

        assertThat(chart.refused(requests.stream().filter(request -> !EVERYONE_MAY.contains(request.resource())).toList()))
                .as("requests the chart does not grant").isEmpty();
        Set<String> used = requests.stream().map(chart::allowing).filter(Objects::nonNull).map(Permission::toString)
                .collect(Collectors.toSet());
        assertThat(chart.permissions()).extracting(Permission::toString)
                .filteredOn(permission -> !used.contains(permission) && !NOT_REQUESTS.containsKey(permission))
                .as("permissions the operator never used").isEmpty();
    }

    private static void exerciseEveryKindOfChange(KubernetesClient client) {
        Kubelet kubelet = new Kubelet(client, NAMESPACE);
        client.resource(Clusters.minimal(NAMESPACE, "chat")).create();
        patch(client, "{\"admin\":{\"serviceMonitor\":true,\"allowedNamespaces\":[\"backend\"]}}");
        eventually(client, NetworkPolicy.class, "chat-gateway");
        for (var kind : List.of(Deployment.class, Service.class, HorizontalPodAutoscaler.class, PodDisruptionBudget.class, ConfigMap.class)) {
            eventually(client, kind, "chat-gateway".replace("gateway", kind == ConfigMap.class ? "gateway-config" : "gateway"));
        }
        eventually(client, StatefulSet.class, "chat-redis");
        kubelet.redisReady("chat-redis", 1);

        // updates of every kind, through the spec or as repairs of a hand edit
        patch(client, "{\"gateway\":{\"image\":\"example.org/wsfleet/gateway:2\"},\"limits\":{\"messagesPerMinute\":7},"
                + "\"service\":{\"port\":8443},\"autoscaling\":{\"minReplicas\":3},\"redis\":{\"managed\":{\"image\":\"example.org/redis:8\"}}}");
        await().untilAsserted(() -> assertThat(client.apps().statefulSets().inNamespace(NAMESPACE).withName("chat-redis").get()
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("example.org/redis:8"));
        for (String name : List.of("chat-gateway", "chat-gateway-admin", "chat-redis")) {
            client.services().inNamespace(NAMESPACE).withName(name).edit(service -> {
                service.getSpec().getPorts().getFirst().setPort(1);
                return service;
            });
        }
        client.resources(PodDisruptionBudget.class).inNamespace(NAMESPACE).withName("chat-gateway").edit(budget -> {
            budget.getSpec().setMaxUnavailable(null);
            return budget;
        });
        client.resources(NetworkPolicy.class).inNamespace(NAMESPACE).withName("chat-gateway").edit(policy -> {
            policy.getSpec().setIngress(List.of());
            return policy;
        });
        await().untilAsserted(() -> {
            for (String name : List.of("chat-gateway", "chat-gateway-admin", "chat-redis")) {
                assertThat(client.services().inNamespace(NAMESPACE).withName(name).get().getSpec().getPorts().getFirst().getPort()).isNotEqualTo(1);
            }
            assertThat(client.resources(PodDisruptionBudget.class).inNamespace(NAMESPACE).withName("chat-gateway").get()
                    .getSpec().getMaxUnavailable()).isNotNull();
            assertThat(client.resources(NetworkPolicy.class).inNamespace(NAMESPACE).withName("chat-gateway").get()
                    .getSpec().getIngress()).hasSize(2);
        });
        // the ServiceMonitor is repaired at the next reconciliation
        var monitors = CustomKinds.in(client, CustomKinds.SERVICE_MONITORS, NAMESPACE);
        monitors.withName("chat-gateway").edit(monitor -> {
            monitor.getAdditionalProperties().put("spec", Map.of());
            return monitor;
        });
        patch(client, "{\"limits\":{\"messagesPerMinute\":8}}");
        await().untilAsserted(() -> assertThat(monitors.withName("chat-gateway").get().getAdditionalProperties().get("spec").toString())
                .contains("admin"));

        // deletions: the HPA, the NetworkPolicy and ServiceMonitor, then the managed Redis
        patch(client, "{\"autoscaling\":{\"enabled\":false},\"admin\":null}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(client.resources(HorizontalPodAutoscaler.class).inNamespace(NAMESPACE).withName("chat-gateway").get()).isNull();
            assertThat(client.resources(NetworkPolicy.class).inNamespace(NAMESPACE).withName("chat-gateway").get()).isNull();
            assertThat(monitors.withName("chat-gateway").get()).isNull();
        });
        client.resources(WebSocketCluster.class).inNamespace(NAMESPACE).withName("chat").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/redis\",\"value\":{\"external\":{\"url\":\"redis://redis.example:6379\"}}}]");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(client.apps().statefulSets().inNamespace(NAMESPACE).withName("chat-redis").get()).isNull();
            assertThat(client.services().inNamespace(NAMESPACE).withName("chat-redis").get()).isNull();
        });

        // KEDA instead of the HPA: the ScaledObject created, repaired at the next reconciliation, deleted when switched back
        var scaledObjects = CustomKinds.in(client, CustomKinds.SCALED_OBJECTS, NAMESPACE);
        patch(client, Clusters.KEDA_PATCH);
        await().atMost(Duration.ofSeconds(20)).until(() -> scaledObjects.withName("chat-gateway").get(), object -> object != null);
        scaledObjects.withName("chat-gateway").edit(scaledObject -> {
            scaledObject.getAdditionalProperties().put("spec", Map.of());
            return scaledObject;
        });
        patch(client, "{\"limits\":{\"messagesPerMinute\":9}}");
        await().untilAsserted(() -> assertThat(scaledObjects.withName("chat-gateway").get().getAdditionalProperties().get("spec").toString())
                .contains("prometheus"));
        patch(client, "{\"autoscaling\":{\"provider\":\"HPA\"}}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(scaledObjects.withName("chat-gateway").get()).isNull();
            assertThat(client.resources(HorizontalPodAutoscaler.class).inNamespace(NAMESPACE).withName("chat-gateway").get()).isNotNull();
        });
    }

    private static void patch(KubernetesClient client, String spec) {
        client.resources(WebSocketCluster.class).inNamespace(NAMESPACE).withName("chat")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + spec + "}");
    }

    private static <T extends HasMetadata> T eventually(KubernetesClient client, Class<T> type, String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> client.resources(type).inNamespace(NAMESPACE).withName(name).get(),
                object -> object != null);
    }
}
