package io.wsfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.ExternalRedisSpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.CustomKinds;
import io.wsfleet.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator in-process against the mock API server: what a user sees after kubectl apply and edit. */
class WebSocketClusterReconcilerIT extends ClusterIT {

    @Test
    void createsEveryObjectOwnedByTheCluster() {
        apply(Clusters.minimal(namespace, "chat"));

        Deployment gateway = eventually(Deployment.class, "chat-gateway");
        List<HasMetadata> all = List.of(
                eventually(Secret.class, "chat-redis-auth"), eventually(StatefulSet.class, "chat-redis"),
                eventually(Service.class, "chat-redis"), eventually(ConfigMap.class, "chat-gateway-config"), gateway,
                eventually(Service.class, "chat-gateway"), eventually(HorizontalPodAutoscaler.class, "chat-gateway"),
                eventually(PodDisruptionBudget.class, "chat-gateway"), eventually(PodDisruptionBudget.class, "chat-redis"));
        String uid = get(WebSocketCluster.class, "chat").getMetadata().getUid();
        assertThat(all).allSatisfy(object -> assertThat(object.getMetadata().getOwnerReferences())
                .singleElement().satisfies(owner -> {
                    assertThat(owner.getUid()).isEqualTo(uid);
                    assertThat(owner.getKind()).isEqualTo("WebSocketCluster");
                    assertThat(owner.getController()).isTrue();
                }));
        assertThat(gateway.getSpec().getReplicas()).as("minReplicas, until the HPA scales the cluster").isEqualTo(10);
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

        kubelet.redisReady("chat-redis", 1);
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


    @Test
    void limitsOriginsRoomsAndHistoryUpdateTheConfigMapWithoutRollingPods() {
        apply(Clusters.minimal(namespace, "chat"));
        Deployment before = eventually(Deployment.class, "chat-gateway");
        eventually(ConfigMap.class, "chat-gateway-config");

        patchSpec("chat", "{\"limits\":{\"messagesPerMinute\":250},\"origins\":[\"https://chat.example.com\"],"
                + "\"history\":{\"size\":5000,\"ttlSeconds\":900},"
                + "\"rooms\":[{\"id\":\"staff\",\"type\":\"private\",\"members\":[\"alice\"],\"history\":{\"size\":0}}]}");

        await().untilAsserted(() -> {
            assertThat(configFile("chat")).contains("messages-per-minute: 250").contains("allowed: \"https://chat.example.com\"")
                    .contains("history:\n  size: 5000\n  ttl-seconds: 900");
            assertThat(get(ConfigMap.class, "chat-gateway-config").getData().get("rooms.yaml"))
                    .contains("id: \"staff\"").contains("type: \"private\"").contains("- \"alice\"")
                    .contains("history:\n    size: 0");
        });
        awaitObserved("chat");
        Deployment after = get(Deployment.class, "chat-gateway");
        assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
        assertThat(after.getMetadata().getResourceVersion()).as("Deployment not even updated")
                .isEqualTo(before.getMetadata().getResourceVersion());
    }

    @Test
    void theAdminPortGetsAClusterIpServiceAndOnRequestAServiceMonitorAndANetworkPolicy() {
        apply(Clusters.minimal(namespace, "chat"));
        Service admin = eventually(Service.class, "chat-gateway-admin");
        assertThat(admin.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(admin.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(9090);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("admin");
        });
        assertThat(admin.getSpec().getSelector()).isEqualTo(eventually(Deployment.class, "chat-gateway").getSpec().getSelector().getMatchLabels());
        assertThat(admin.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9090").containsEntry("prometheus.io/path", "/metrics");
        assertThat(get(NetworkPolicy.class, "chat-gateway")).isNull();
        assertThat(serviceMonitor()).isNull();

        patchSpec("chat", "{\"admin\":{\"serviceMonitor\":true,\"allowedNamespaces\":[\"backend\",\"monitoring\"]}}");
        NetworkPolicy policy = eventually(NetworkPolicy.class, "chat-gateway");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(admin.getSpec().getSelector());
        assertThat(policy.getSpec().getIngress()).hasSize(2);
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).as("the client port: from anywhere").isNullOrEmpty();
        assertThat(policy.getSpec().getIngress().get(1).getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(9090));
        assertThat(policy.getSpec().getIngress().get(1).getFrom()).singleElement().satisfies(peer ->
                assertThat(peer.getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(expression -> {
                    assertThat(expression.getKey()).isEqualTo("kubernetes.io/metadata.name");
                    assertThat(expression.getValues()).containsExactly("backend", "monitoring");
                }));
        await().untilAsserted(() -> assertThat(serviceMonitor()).isNotNull());
        assertThat(serviceMonitor().get("spec").toString()).contains("port=admin").contains("wsfleet.io/port=admin");

        // a JSON patch: the mock API server appends to a list in a merge patch this deep (a real one replaces it)
        clusterResource("chat").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/admin/allowedNamespaces\",\"value\":[\"backend\"]}]");
        await().untilAsserted(() -> assertThat(get(NetworkPolicy.class, "chat-gateway").getSpec().getIngress().get(1).getFrom().getFirst()
                .getNamespaceSelector().getMatchExpressions().getFirst().getValues()).containsExactly("backend"));
        patchSpec("chat", "{\"admin\":null}");
        await().untilAsserted(() -> {
            assertThat(get(NetworkPolicy.class, "chat-gateway")).isNull();
            assertThat(serviceMonitor()).isNull();
        });
    }

    private Map<String, Object> serviceMonitor() {
        GenericKubernetesResource monitor = CustomKinds.in(client, CustomKinds.SERVICE_MONITORS, namespace).withName("chat-gateway").get();
        return monitor == null ? null : monitor.getAdditionalProperties();
    }

    @Test
    void imageAndStartOnlySettingsRollPods() {
        apply(Clusters.minimal(namespace, "chat"));
        Deployment before = eventually(Deployment.class, "chat-gateway");

        patchSpec("chat", "{\"gateway\":{\"image\":\"example.org/wsfleet/gateway:2\"}}");
        await().untilAsserted(() -> assertThat(gatewayContainer().getImage()).isEqualTo("example.org/wsfleet/gateway:2"));

        String hash = restartHash(before);
        patchSpec("chat", "{\"limits\":{\"maxMessageBytes\":131072}}");
        await().untilAsserted(() -> assertThat(restartHash(get(Deployment.class, "chat-gateway"))).isNotEqualTo(hash));
        assertThat(configFile("chat")).contains("max-message-bytes: 131072");
    }

    @Test
    void autoscalingOffSetsReplicasAndRemovesTheHpaAndBack() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(HorizontalPodAutoscaler.class, "chat-gateway");

        patchSpec("chat", "{\"autoscaling\":{\"enabled\":false},\"gateway\":{\"replicas\":3}}");
        await().untilAsserted(() -> {
            assertThat(get(HorizontalPodAutoscaler.class, "chat-gateway")).isNull();
            assertThat(get(Deployment.class, "chat-gateway").getSpec().getReplicas()).isEqualTo(3);
        });

        patchSpec("chat", "{\"autoscaling\":{\"enabled\":true},\"gateway\":{\"image\":\"example.org/wsfleet/gateway:3\"}}");
        await().untilAsserted(() -> {
            assertThat(get(HorizontalPodAutoscaler.class, "chat-gateway")).isNotNull();
            assertThat(gatewayContainer().getImage()).isEqualTo("example.org/wsfleet/gateway:3");
        });
        assertThat(get(Deployment.class, "chat-gateway").getSpec().getReplicas())
                .as("3 is below the HPA's minReplicas").isEqualTo(10);
    }

    @Test
    void rolloutsNodeDrainsAndScaleDownsArePacedByTheDrainAndFollowTheFleetsSize() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(HorizontalPodAutoscaler.class, "chat-gateway");
        patchSpec("chat", "{\"gateway\":{\"drain\":{\"deregistrationDelaySeconds\":0,\"windowSeconds\":40,\"maxDrainingPercent\":20}}}");

        await().untilAsserted(() -> {
            Deployment deployment = get(Deployment.class, "chat-gateway");
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).as("20% of 10").isEqualTo(2);
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
            assertThat(deployment.getSpec().getMinReadySeconds()).as("preStop 5 + delay 0 + window 40").isEqualTo(45);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(45L + 10 + 10);
            assertThat(get(PodDisruptionBudget.class, "chat-gateway").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(2);
            var scaleDown = get(HorizontalPodAutoscaler.class, "chat-gateway").getSpec().getBehavior().getScaleDown();
            assertThat(scaleDown.getSelectPolicy()).isEqualTo("Min");
            assertThat(scaleDown.getPolicies()).extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue,
                    HPAScalingPolicy::getPeriodSeconds).containsExactly(tuple("Pods", 1, 45), tuple("Percent", 10, 60));
        });

        // the HPA grows the fleet: more pods may drain at once, the same share of the connections
        Scale scale = scale("chat");
        scale.getSpec().setReplicas(40);
        clusterResource("chat").scale(scale);
        await().untilAsserted(() -> {
            Deployment deployment = get(Deployment.class, "chat-gateway");
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(40);
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(8);
            assertThat(get(PodDisruptionBudget.class, "chat-gateway").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(8);
        });
    }

    @Test
    void kedaScalesTheClusterInsteadOfTheHpaAndBack() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(HorizontalPodAutoscaler.class, "chat-gateway");

        patchSpec("chat", Clusters.KEDA_PATCH);

        await().untilAsserted(() -> {
            assertThat(get(HorizontalPodAutoscaler.class, "chat-gateway")).as("KEDA's own HPA replaces it").isNull();
            GenericKubernetesResource scaledObject = CustomKinds.in(client, CustomKinds.SCALED_OBJECTS, namespace).withName("chat-gateway").get();
            assertThat(scaledObject).isNotNull();
            assertThat(scaledObject.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getName()).isEqualTo("chat"));
            assertThat(scaledObject.getAdditionalProperties().get("spec").toString())
                    .contains("kind=WebSocketCluster").contains("serverAddress=http://prometheus.monitoring.svc:9090")
                    .contains("query=avg(wsfleet_connections{namespace=\"" + namespace + "\",pod=~\"chat-gateway-[a-z0-9]+-[a-z0-9]+\"}) by ()")
                    .contains("threshold=5000");
        });

        patchSpec("chat", "{\"autoscaling\":{\"provider\":\"HPA\"}}");

        await().untilAsserted(() -> {
            assertThat(CustomKinds.in(client, CustomKinds.SCALED_OBJECTS, namespace).withName("chat-gateway").get()).isNull();
            assertThat(get(HorizontalPodAutoscaler.class, "chat-gateway")).isNotNull();
        });
    }

    @Test
    void theScaleSubresourceOfAMinimalClusterIsTheCountTheHpaAndKubectlScaleSet() throws Exception {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Deployment.class, "chat-gateway");
        HorizontalPodAutoscaler hpa = eventually(HorizontalPodAutoscaler.class, "chat-gateway");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("WebSocketCluster");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("chat");
        await().untilAsserted(() -> assertThat(scale("chat").getStatus().getSelector())
                .isEqualTo("app.kubernetes.io/name=wsfleet,app.kubernetes.io/instance=chat,app.kubernetes.io/component=gateway"));
        assertThat(scale("chat").getSpec().getReplicas()).as("the schema's default, not 0 (an HPA leaves a target at 0 alone)")
                .isEqualTo(2);

        // the HPA controller: GET the scale, PUT it back with its recommendation
        Scale recommendation = scale("chat");
        recommendation.getSpec().setReplicas(17);
        clusterResource("chat").scale(recommendation);
        await().untilAsserted(() -> assertThat(get(Deployment.class, "chat-gateway").getSpec().getReplicas()).isEqualTo(17));
        kubelet.gatewayPodsReady("chat-gateway", 17);
        await().untilAsserted(() -> {
            assertThat(scale("chat").getStatus().getReplicas()).isEqualTo(17);
            assertThat(condition("chat", "GatewayReady").getMessage()).isEqualTo("17 of 17 gateway pods ready");
        });

        // kubectl scale: a merge patch of the scale; under autoscaling the count stays within minReplicas..maxReplicas
        assertThat(kubectlScale("chat", 3)).isEqualTo(200);
        await().untilAsserted(() -> assertThat(get(Deployment.class, "chat-gateway").getSpec().getReplicas()).isEqualTo(10));
        patchSpec("chat", "{\"autoscaling\":{\"enabled\":false}}");
        await().untilAsserted(() -> assertThat(get(Deployment.class, "chat-gateway").getSpec().getReplicas()).isEqualTo(3));
        assertThat(scale("chat").getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void aRolloutRestartSurvivesTheOperatorsUpdates() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Deployment.class, "chat-gateway");
        client.apps().deployments().inNamespace(namespace).withName("chat-gateway").edit(d -> {
            d.getSpec().getTemplate().getMetadata().getAnnotations().put("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z");
            return d;
        });

        patchSpec("chat", "{\"gateway\":{\"image\":\"example.org/wsfleet/gateway:2\"}}");

        await().untilAsserted(() -> assertThat(gatewayContainer().getImage()).isEqualTo("example.org/wsfleet/gateway:2"));
        assertThat(get(Deployment.class, "chat-gateway").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z")
                .containsKey("wsfleet.io/restart-config-hash");
    }

    @Test
    void objectsDeletedOrChangedByHandComeBack() {
        apply(Clusters.minimal(namespace, "chat"));
        Deployment original = eventually(Deployment.class, "chat-gateway");
        eventually(Service.class, "chat-gateway");
        eventually(ConfigMap.class, "chat-gateway-config");

        client.resources(Service.class).inNamespace(namespace).withName("chat-gateway").delete();
        client.resources(ConfigMap.class).inNamespace(namespace).withName("chat-gateway-config").delete();
        client.apps().deployments().inNamespace(namespace).withName("chat-gateway")
                .edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("attacker/miner:latest");
                    return d;
                });

        await().untilAsserted(() -> {
            assertThat(get(Service.class, "chat-gateway")).isNotNull();
            assertThat(get(ConfigMap.class, "chat-gateway-config")).isNotNull();
            assertThat(gatewayContainer().getImage()).isEqualTo(OperatorHarness.SETTINGS.gatewayImage());
        });
        assertThat(get(Deployment.class, "chat-gateway").getSpec().getTemplate()).isEqualTo(original.getSpec().getTemplate());
    }

    @Test
    void anInvalidSpecAppliesNothingAndSaysWhichField() {
        WebSocketCluster invalid = Clusters.of(namespace, "chat", new WebSocketClusterSpec(null,
                new AutoscalingSpec(true, 20, 10, null, null, null, null, null), null, null, Clusters.jwtAuth(), null,
                List.of("https://chat.example.com/path"), null, null, null, null, null));
        apply(invalid);

        await().untilAsserted(() -> {
            Condition ready = condition("chat", "Ready");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("InvalidSpec");
            assertThat(ready.getMessage()).contains("spec.autoscaling.minReplicas").contains("spec.origins[0]");
        });
        assertThat(get(ConfigMap.class, "chat-gateway-config")).isNull();
        assertThat(get(Deployment.class, "chat-gateway")).isNull();
        assertThat(get(Secret.class, "chat-redis-auth")).isNull();

        client.resources(WebSocketCluster.class).inNamespace(namespace).withName("chat").edit(fixed -> {
            fixed.setSpec(Clusters.minimal(namespace, "chat").getSpec());
            return fixed;
        });
        eventually(Deployment.class, "chat-gateway");
        await().untilAsserted(() -> assertThat(condition("chat", "Ready").getReason()).isNotEqualTo("InvalidSpec"));
    }

    @Test
    void anInvalidEditLeavesTheRunningObjectsAlone() {
        apply(Clusters.minimal(namespace, "chat"));
        Deployment before = eventually(Deployment.class, "chat-gateway");
        String config = configFile("chat");

        patchSpec("chat", "{\"gateway\":{\"image\":\"example.org/wsfleet/gateway:9\"},\"tls\":{\"mode\":\"Pod\"}}");

        await().untilAsserted(() -> assertThat(condition("chat", "Ready").getMessage()).contains("spec.tls.secretName"));
        assertThat(get(Deployment.class, "chat-gateway").getSpec()).isEqualTo(before.getSpec());
        assertThat(configFile("chat")).isEqualTo(config);
    }

    @Test
    void aFailureToApplyShowsInReadyAndClearsWhenResolved() {
        // an object of the same name that someone else made: the operator does not take it over
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("chat-gateway-config").withNamespace(namespace)
                .endMetadata().addToData("owner", "someone else").build()).create();
        apply(Clusters.minimal(namespace, "chat"));

        await().untilAsserted(() -> {
            Condition ready = condition("chat", "Ready");
            assertThat(ready.getReason()).isEqualTo("ReconcileFailed");
            assertThat(ready.getMessage()).contains("chat-gateway-config").contains("already exists");
        });
        assertThat(get(ConfigMap.class, "chat-gateway-config").getData()).containsEntry("owner", "someone else");

        // the operator retries with backoff (its informers do not see objects it does not own)
        client.resources(ConfigMap.class).inNamespace(namespace).withName("chat-gateway-config").delete();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(configFile("chat")).contains("messages-per-minute: 100");
            assertThat(condition("chat", "Ready").getReason()).isNotEqualTo("ReconcileFailed");
        });
    }

    @Test
    void afterDeletionTheOperatorLetsGo() {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(ConfigMap.class, "chat-gateway-config");
        WebSocketCluster cluster = get(WebSocketCluster.class, "chat");
        assertThat(cluster.getMetadata().getFinalizers()).as("nothing blocks deletion").isEmpty();

        client.resource(cluster).delete();
        await().until(() -> get(WebSocketCluster.class, "chat") == null);
        // A real API server's garbage collector now deletes the owned objects (see the owner references above);
        // the mock server has none. The operator must not recreate anything.
        client.resources(ConfigMap.class).inNamespace(namespace).withName("chat-gateway-config").delete();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(get(ConfigMap.class, "chat-gateway-config")).isNull());
    }

    @Test
    void statusIsWrittenOnlyWhenItChangesAndTransitionTimesMoveOnlyOnFlips() throws InterruptedException {
        apply(Clusters.minimal(namespace, "chat"));
        eventually(Deployment.class, "chat-gateway");
        kubelet.redisReady("chat-redis", 1);
        kubelet.gatewayPodsReady("chat-gateway", 10);
        kubelet.loadBalancerAddress("chat-gateway", "lb.example.com");
        await().untilAsserted(() -> assertThat(condition("chat", "Ready").getStatus()).isEqualTo("True"));
        // The reconciliations the kubelet's last updates started may still write what they saw (the address
        // can land after Ready): counted from when the status stopped changing.
        long writes = quietStatusWrites();
        WebSocketCluster ready = get(WebSocketCluster.class, "chat");

        // reconciliations that change nothing in the status: the PDB is repaired, the status is not written
        client.resources(PodDisruptionBudget.class).inNamespace(namespace).withName("chat-gateway").delete();
        eventually(PodDisruptionBudget.class, "chat-gateway");
        kubelet.redisReady("chat-redis", 1);
        Thread.sleep(2000);
        assertThat(OPERATOR.harness().statusWrites(namespace, "chat")).isEqualTo(writes);
        assertThat(get(WebSocketCluster.class, "chat").getMetadata().getResourceVersion())
                .isEqualTo(ready.getMetadata().getResourceVersion());

        kubelet.gatewayPodsReady("chat-gateway", 4);
        await().untilAsserted(() -> assertThat(condition("chat", "GatewayReady").getStatus()).isEqualTo("False"));
        assertThat(condition("chat", "GatewayReady").getMessage()).isEqualTo("4 of 10 gateway pods ready");
        assertThat(condition("chat", "Ready").getReason()).isEqualTo("GatewayNotReady");
        assertThat(condition("chat", "RedisReady").getLastTransitionTime())
                .isEqualTo(conditionIn(ready, "RedisReady").getLastTransitionTime());
    }

    @Test
    void externalRedisCreatesNoRedisObjects() {
        WebSocketCluster external = Clusters.of(namespace, "chat", new WebSocketClusterSpec(null, null, null,
                new RedisSpec(null, new ExternalRedisSpec("redis://r1:6379,r2:6379", new SecretKeyRef("redis", "pw"), true)),
                Clusters.jwtAuth(), null, null, null, null, null, null, null));
        apply(external);
        eventually(Deployment.class, "chat-gateway");

        assertThat(configFile("chat")).contains("url: \"redis://r1:6379,r2:6379\"").contains("cluster: true");
        assertThat(gatewayContainer().getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("REDIS_PASSWORD");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis");
        });
        await().untilAsserted(() -> assertThat(condition("chat", "RedisReady").getReason()).isEqualTo("External"));
        assertThat(get(StatefulSet.class, "chat-redis")).isNull();
        assertThat(get(Secret.class, "chat-redis-auth")).isNull();
    }

    @Test
    void theRedisPasswordIsGeneratedOnceAndNeverRewritten() {
        apply(Clusters.minimal(namespace, "chat"));
        Secret secret = eventually(Secret.class, "chat-redis-auth");
        String password = secret.getData() != null && secret.getData().containsKey("password")
                ? secret.getData().get("password") : secret.getStringData().get("password");
        assertThat(password).isNotBlank();

        patchSpec("chat", "{\"gateway\":{\"image\":\"example.org/wsfleet/gateway:2\"}}");
        await().untilAsserted(() -> assertThat(gatewayContainer().getImage()).isEqualTo("example.org/wsfleet/gateway:2"));
        assertThat(get(Secret.class, "chat-redis-auth").getMetadata().getResourceVersion())
                .isEqualTo(secret.getMetadata().getResourceVersion());
    }

    /** The status writes so far, once a second passed without one. */
    private long quietStatusWrites() {
        long[] last = {-1};
        await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20)).until(() -> {
            long now = OPERATOR.harness().statusWrites(namespace, "chat");
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
        return last[0];
    }
}
