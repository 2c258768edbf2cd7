package io.wsfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.support.ChartRbac;
import io.wsfleet.operator.support.Helm;
import io.wsfleet.operator.support.Kubelet;
import io.wsfleet.operator.support.OperatorExtension;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator in-process against the mock API server, a fresh namespace per test, and what tests ask of them. */
abstract class ClusterIT {

    @RegisterExtension
    static final OperatorExtension OPERATOR = new OperatorExtension();

    KubernetesClient client;
    String namespace;
    Kubelet kubelet;

    @BeforeEach
    void freshNamespace() {
        client = OPERATOR.client();
        namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        kubelet = new Kubelet(client, namespace);
    }

    /** What the operator asked of the API server in these tests, the chart allows (RbacIT checks the converse). */
    @AfterAll
    static void everyRequestIsGrantedByTheChart() throws Exception {
        assertThat(ChartRbac.render(Helm.fetch()).refused(OPERATOR.harness().operatorRequests())).isEmpty();
    }

    // ---- helpers

    WebSocketCluster apply(WebSocketCluster cluster) {
        return client.resource(cluster).inNamespace(namespace).create();
    }

    void patchSpec(String name, String json) {
        client.resources(WebSocketCluster.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + json + "}");
    }

    Resource<WebSocketCluster> clusterResource(String name) {
        return client.resources(WebSocketCluster.class).inNamespace(namespace).withName(name);
    }

    /** GET of the cluster's scale subresource. */
    Scale scale(String name) {
        return clusterResource(name).scale();
    }

    /** What kubectl scale sends: a merge patch of the scale subresource. Returns the HTTP status. */
    int kubectlScale(String name, int replicas) throws Exception {
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl() + "apis/wsfleet.io/v1alpha1/namespaces/" + namespace + "/websocketclusters/" + name + "/scale")
                .method("PATCH", "application/merge-patch+json", "{\"spec\":{\"replicas\":" + replicas + "}}").build();
        return http.sendAsync(request, String.class).get(10, TimeUnit.SECONDS).code();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(namespace).withName(name).get();
    }

    <T extends HasMetadata> T eventually(Class<T> type, String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> get(type, name), object -> object != null);
    }

    String configFile(String cluster) {
        return get(ConfigMap.class, cluster + "-gateway-config").getData().get("gateway.yaml");
    }

    Container gatewayContainer() {
        return get(Deployment.class, "chat-gateway").getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    static String restartHash(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("wsfleet.io/restart-config-hash");
    }

    /** Waits until the status describes the current generation: the operator has acted on the last edit. */
    void awaitObserved(String cluster) {
        await().untilAsserted(() -> {
            WebSocketCluster resource = get(WebSocketCluster.class, cluster);
            assertThat(resource.getStatus()).isNotNull();
            assertThat(resource.getStatus().observedGeneration()).isEqualTo(resource.getMetadata().getGeneration());
        });
    }

    static Condition conditionIn(WebSocketCluster resource, String type) {
        return resource.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    Condition condition(String cluster, String type) {
        WebSocketCluster resource = get(WebSocketCluster.class, cluster);
        assertThat(resource.getStatus()).as("status").isNotNull();
        return resource.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + resource.getStatus()));
    }
}
