package io.wsfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wsfleet.operator.support.ApiServerForm;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.CustomKinds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;

/**
 * Updates through the production create/update path: a spec edit that only removes something is
 * applied to every dependent, and live objects in the form a real API server stores them (canonical
 * quantities, defaults, allocated addresses, a restart annotation) cause no update at all.
 */
class UpdatesIT extends ClusterIT {

    @Test
    void removingFieldsFromTheSpecRemovesThemFromTheLiveObjects() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Deployment.class, "chat-gateway");
        patchSpec("chat", "{\"tls\":{\"mode\":\"Pod\",\"secretName\":\"chat-tls\"},"
                + "\"gateway\":{\"env\":[{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"}],"
                + "\"scheduling\":{\"tolerations\":[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"chat\",\"effect\":\"NoSchedule\"}],"
                + "\"nodeSelector\":{\"pool\":\"chat\"}}},"
                + "\"service\":{\"annotations\":{\"team\":\"chat\"},\"externalTrafficPolicy\":\"Local\"},"
                + "\"autoscaling\":{\"targetConnectionsPerPod\":5000},\"history\":{\"size\":50},"
                + "\"redis\":{\"managed\":{\"resources\":{\"limits\":{\"cpu\":\"2\",\"memory\":\"1Gi\"}}}}}");
        await().untilAsserted(() -> {
            PodSpec pod = gatewayPod();
            assertThat(envNames()).contains("SSL_CERT_PATH", "SSL_KEY_PATH", "LOG_LEVEL");
            assertThat(pod.getVolumes()).extracting(Volume::getName).contains("tls");
            assertThat(pod.getTolerations()).hasSize(1);
            assertThat(pod.getNodeSelector()).containsEntry("pool", "chat");
            assertThat(get(Service.class, "chat-gateway").getMetadata().getAnnotations()).containsEntry("team", "chat");
            assertThat(get(Service.class, "chat-gateway").getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
            assertThat(get(HorizontalPodAutoscaler.class, "chat-gateway").getSpec().getMetrics()).hasSize(2);
            assertThat(configFile("chat")).contains("history:");
            assertThat(redisContainerLimits()).containsKey("cpu");
        });

        // one removal at a time: each must be applied on its own, not carried by another change
        removed("{\"gateway\":{\"scheduling\":{\"nodeSelector\":null}}}", () -> assertThat(gatewayPod().getNodeSelector()).isNullOrEmpty());
        removed("{\"gateway\":{\"scheduling\":{\"tolerations\":null}}}", () -> assertThat(gatewayPod().getTolerations()).isEmpty());
        removed("{\"gateway\":{\"env\":null}}", () -> assertThat(envNames()).doesNotContain("LOG_LEVEL").contains("SSL_CERT_PATH"));
        removed("{\"tls\":null}", () -> {
            assertThat(envNames()).doesNotContain("SSL_CERT_PATH", "SSL_KEY_PATH");
            assertThat(gatewayPod().getVolumes()).extracting(Volume::getName).doesNotContain("tls");
            assertThat(gatewayContainer().getVolumeMounts()).noneMatch(mount -> mount.getName().equals("tls"));
        });
        removed("{\"service\":{\"annotations\":null}}", () -> assertThat(get(Service.class, "chat-gateway").getMetadata().getAnnotations())
                .doesNotContainKey("team").containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"));
        removed("{\"service\":{\"externalTrafficPolicy\":null}}",
                () -> assertThat(get(Service.class, "chat-gateway").getSpec().getExternalTrafficPolicy()).isNull());
        removed("{\"autoscaling\":{\"targetConnectionsPerPod\":null}}", () -> assertThat(
                get(HorizontalPodAutoscaler.class, "chat-gateway").getSpec().getMetrics()).singleElement()
                .satisfies(metric -> assertThat(metric.getType()).isEqualTo("Resource")));
        removed("{\"history\":null}", () -> assertThat(configFile("chat")).doesNotContain("history:"));
        // a JSON patch: the mock API server keeps a null of a merge patch this deep (a real one removes the key)
        clusterResource("chat").patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/spec/redis/managed/resources/limits/cpu\"}]");
        await().untilAsserted(() -> assertThat(redisContainerLimits()).doesNotContainKey("cpu").containsKey("memory"));
    }

    @Test
    void removingTheDrainRebalancingAndScaleDownSettingsRestoresTheDefaultsInEveryObject() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Deployment.class, "chat-gateway");
        patchSpec("chat", "{\"gateway\":{\"drain\":{\"windowSeconds\":60,\"maxDrainingPercent\":50},"
                + "\"rebalance\":{\"enabled\":false,\"maxShedsPerSecond\":3}},"
                + "\"autoscaling\":{\"scaleDown\":{\"maxPercentPerMinute\":30}}}");
        await().untilAsserted(() -> {
            assertThat(surge()).isEqualTo(5);
            assertThat(get(Deployment.class, "chat-gateway").getSpec().getMinReadySeconds()).isEqualTo(70);
            assertThat(gatewayPod().getTerminationGracePeriodSeconds()).isEqualTo(90L);
            assertThat(get(PodDisruptionBudget.class, "chat-gateway").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(5);
            assertThat(scaleDownPolicies()).containsExactly("Pods 1/70s", "Percent 30/60s");
            assertThat(configFile("chat")).contains("enabled: false").contains("max-sheds-per-second: 3");
        });

        removed("{\"gateway\":{\"drain\":null}}", () -> {
            assertThat(surge()).isEqualTo(1);
            assertThat(get(Deployment.class, "chat-gateway").getSpec().getMinReadySeconds()).isEqualTo(40);
            assertThat(gatewayPod().getTerminationGracePeriodSeconds()).isEqualTo(60L);
            assertThat(get(PodDisruptionBudget.class, "chat-gateway").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(scaleDownPolicies()).containsExactly("Pods 1/40s", "Percent 30/60s");
            assertThat(configFile("chat")).contains("window-seconds: 30");
        });
        removed("{\"gateway\":{\"rebalance\":null}}",
                () -> assertThat(configFile("chat")).contains("enabled: true").contains("max-sheds-per-second: 20"));
        removed("{\"autoscaling\":{\"scaleDown\":null}}", () -> assertThat(scaleDownPolicies()).containsExactly("Pods 1/40s", "Percent 10/60s"));
    }

    @Test
    void switchingKedaOffRemovesTheScaledObjectAndAsKedaStoresItItCausesNoUpdate() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(HorizontalPodAutoscaler.class, "chat-gateway");
        patchSpec("chat", Clusters.KEDA_PATCH);
        var scaledObjects = CustomKinds.in(client, CustomKinds.SCALED_OBJECTS, namespace);
        GenericKubernetesResource live = await().until(() -> scaledObjects.withName("chat-gateway").get(), object -> object != null);
        awaitObserved("chat");

        // KEDA's finalizer, label and status, then an event: the operator compares, and writes nothing
        long writes = OPERATOR.harness().writes("scaledobjects", namespace, "chat-gateway");
        scaledObjects.resource(ApiServerForm.of(live)).update();
        patchSpec("chat", "{\"limits\":{\"messagesPerMinute\":250}}");
        await().untilAsserted(() -> assertThat(configFile("chat")).contains("messages-per-minute: 250"));
        awaitObserved("chat");
        assertThat(OPERATOR.harness().writes("scaledobjects", namespace, "chat-gateway")).isEqualTo(writes);

        removed("{\"autoscaling\":{\"provider\":null}}", () -> {
            assertThat(scaledObjects.withName("chat-gateway").get().getMetadata().getDeletionTimestamp()).as("deleted").isNotNull();
            assertThat(get(HorizontalPodAutoscaler.class, "chat-gateway")).isNotNull();
        });
        // KEDA removes its HPA, then its finalizer
        scaledObjects.withName("chat-gateway").edit(scaledObject -> {
            scaledObject.getMetadata().setFinalizers(List.of());
            return scaledObject;
        });
        await().untilAsserted(() -> assertThat(scaledObjects.withName("chat-gateway").get()).isNull());
    }

    private int surge() {
        return get(Deployment.class, "chat-gateway").getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal();
    }

    private List<String> scaleDownPolicies() {
        return get(HorizontalPodAutoscaler.class, "chat-gateway").getSpec().getBehavior().getScaleDown().getPolicies().stream()
                .map(policy -> policy.getType() + " " + policy.getValue() + "/" + policy.getPeriodSeconds() + "s").toList();
    }

    private void removed(String patch, ThrowingRunnable gone) {
        patchSpec("chat", patch);
        await().untilAsserted(gone);
    }

    @Test
    void tlsAtTheLoadBalancerTurnedOffRemovesTheCertificateAnnotationsAndKeepsOthers() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Service.class, "chat-gateway");
        patchSpec("chat", "{\"tls\":{\"mode\":\"LoadBalancer\",\"certificateArn\":\"arn:aws:acm:eu-west-1:1:certificate/x\"}}");
        await().untilAsserted(() -> assertThat(get(Service.class, "chat-gateway").getMetadata().getAnnotations())
                .containsKey("service.beta.kubernetes.io/aws-load-balancer-ssl-cert"));
        // a cloud controller's annotation, which the operator never wrote
        client.services().inNamespace(namespace).withName("chat-gateway").edit(service -> {
            service.getMetadata().getAnnotations().put("elbv2.k8s.aws/lb-id", "lb-123");
            return service;
        });

        patchSpec("chat", "{\"tls\":null}");

        await().untilAsserted(() -> assertThat(get(Service.class, "chat-gateway").getMetadata().getAnnotations())
                .doesNotContainKeys("service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
                        "service.beta.kubernetes.io/aws-load-balancer-ssl-ports", "service.beta.kubernetes.io/aws-load-balancer-backend-protocol")
                .containsEntry("elbv2.k8s.aws/lb-id", "lb-123"));
    }

    @Test
    void liveObjectsInTheApiServersFormCauseNoUpdate() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Deployment.class, "chat-gateway");
        // quantities a real API server rewrites: 1000m -> 1, 1024Mi -> 1Gi, 2048Mi -> 2Gi, 1000 -> 1k
        patchSpec("chat", "{\"gateway\":{\"resources\":{\"requests\":{\"cpu\":\"1000m\",\"memory\":\"1024Mi\"},"
                + "\"limits\":{\"memory\":\"2048Mi\"}}},\"autoscaling\":{\"targetConnectionsPerPod\":1000},"
                + "\"redis\":{\"managed\":{\"resources\":{\"requests\":{\"memory\":\"1024Mi\"}}}}}");
        await().untilAsserted(() -> assertThat(gatewayContainer().getResources().getRequests().get("cpu").toString()).isEqualTo("1000m"));
        // the HPA's choice, through the cluster's scale subresource
        Scale scale = scale("chat");
        scale.getSpec().setReplicas(23);
        clusterResource("chat").scale(scale);
        await().untilAsserted(() -> assertThat(get(Deployment.class, "chat-gateway").getSpec().getReplicas()).isEqualTo(23));
        awaitObserved("chat");

        List<Class<? extends HasMetadata>> kinds = List.of(Deployment.class, Service.class, HorizontalPodAutoscaler.class,
                PodDisruptionBudget.class, StatefulSet.class, ConfigMap.class);
        Map<String, Long> before = dependentWrites();
        for (String name : List.of("chat-gateway", "chat-redis", "chat-gateway-config")) {
            for (Class<? extends HasMetadata> kind : kinds) {
                HasMetadata live = get(kind, name);
                if (live != null) {
                    HasMetadata stored = ApiServerForm.of(live);
                    if (stored instanceof Deployment deployment) {
                        deployment.getSpec().getTemplate().getMetadata().getAnnotations()
                                .put("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z");
                    }
                    client.resource(stored).update();
                }
            }
        }
        assertThat(get(Deployment.class, "chat-gateway").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getResources().getRequests().get("cpu").toString()).as("the live object is in canonical form").isEqualTo("1");

        // every event above is reconciled; one more change proves the operator kept working through them
        patchSpec("chat", "{\"limits\":{\"messagesPerMinute\":250}}");
        await().untilAsserted(() -> assertThat(configFile("chat")).contains("messages-per-minute: 250"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Long> after = dependentWrites();
            assertThat(after).as("writes per object").isEqualTo(Map.of(
                    "configmaps", before.get("configmaps") + 1,
                    "deployments", before.get("deployments"), "services", before.get("services"),
                    "horizontalpodautoscalers", before.get("horizontalpodautoscalers"),
                    "poddisruptionbudgets", before.get("poddisruptionbudgets"), "statefulsets", before.get("statefulsets")));
        });
        Deployment deployment = get(Deployment.class, "chat-gateway");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(23);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z");
    }

    /** The operator's writes of this cluster's dependents, per resource. */
    private Map<String, Long> dependentWrites() {
        return Map.of(
                "configmaps", OPERATOR.harness().writes("configmaps", namespace, "chat-gateway-config"),
                "deployments", OPERATOR.harness().writes("deployments", namespace, "chat-gateway"),
                "services", OPERATOR.harness().writes("services", namespace, "chat-gateway")
                        + OPERATOR.harness().writes("services", namespace, "chat-redis"),
                "horizontalpodautoscalers", OPERATOR.harness().writes("horizontalpodautoscalers", namespace, "chat-gateway"),
                "poddisruptionbudgets", OPERATOR.harness().writes("poddisruptionbudgets", namespace, "chat-gateway")
                        + OPERATOR.harness().writes("poddisruptionbudgets", namespace, "chat-redis"),
                "statefulsets", OPERATOR.harness().writes("statefulsets", namespace, "chat-redis"));
    }

    private PodSpec gatewayPod() {
        return get(Deployment.class, "chat-gateway").getSpec().getTemplate().getSpec();
    }

    private List<String> envNames() {
        return gatewayContainer().getEnv().stream().map(EnvVar::getName).toList();
    }

    private Map<String, ?> redisContainerLimits() {
        Map<String, ?> limits = get(StatefulSet.class, "chat-redis").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getResources().getLimits();
        return limits == null ? Map.of() : limits;
    }
}
