package io.wsfleet.operator.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.support.CustomKinds;
import io.wsfleet.operator.support.Helm;
import io.wsfleet.operator.support.OperatorExtension;
import io.wsfleet.operator.support.OperatorHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every manifest in examples/, applied to the API server with the operator running. */
class ExamplesIT {

    static final Path EXAMPLES = Helm.REPO.resolve("examples");
    static final ObjectMapper YAML = new YAMLMapper();

    @RegisterExtension
    static final OperatorExtension OPERATOR = new OperatorExtension();

    @Test
    void minimal() throws IOException {
        WebSocketCluster cluster = apply("minimal.yaml", "example-minimal");

        Deployment gateway = eventually(Deployment.class, cluster, "chat-gateway");
        assertThat(gateway.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo(OperatorHarness.SETTINGS.gatewayImage());
        assertThat(eventually(StatefulSet.class, cluster, "chat-redis")).isNotNull();
        assertThat(eventually(HorizontalPodAutoscaler.class, cluster, "chat-gateway").getSpec().getMinReplicas()).isEqualTo(10);
        assertApplied(cluster);
    }

    @Test
    void production() throws IOException {
        WebSocketCluster cluster = apply("production.yaml", null);

        HorizontalPodAutoscaler hpa = eventually(HorizontalPodAutoscaler.class, cluster, "realtime-gateway");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(10);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(100);
        Service service = eventually(Service.class, cluster, "realtime-gateway");
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")
                .containsKey("service.beta.kubernetes.io/aws-load-balancer-ssl-cert");
        StatefulSet redis = eventually(StatefulSet.class, cluster, "realtime-redis");
        assertThat(redis.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getStorageClassName()).isEqualTo("gp3");
        assertThat(redis.getSpec().getReplicas()).as("Sentinel mode").isEqualTo(3);
        assertThat(eventually(Service.class, cluster, "realtime-redis-headless").getSpec().getClusterIP()).isEqualTo("None");
        assertThat(eventually(PodDisruptionBudget.class, cluster, "realtime-redis").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        Deployment gateway = eventually(Deployment.class, cluster, "realtime-gateway");
        assertThat(gateway.getSpec().getMinReadySeconds()).as("preStop 5 + delay 5 + window 30").isEqualTo(40);
        assertThat(gateway.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(40L + 20 + 10);
        assertApplied(cluster);
    }

    @Test
    void keda() throws IOException {
        WebSocketCluster cluster = apply("keda.yaml", "example-keda");

        GenericKubernetesResource scaledObject = await().atMost(Duration.ofSeconds(20)).until(() -> CustomKinds.in(OPERATOR.client(),
                CustomKinds.SCALED_OBJECTS, cluster.getMetadata().getNamespace()).withName("chat-gateway").get(), object -> object != null);
        assertThat(scaledObject.getAdditionalProperties().get("spec").toString()).contains("threshold=4000")
                .contains("serverAddress=http://prometheus-operated.monitoring.svc:9090");
        assertApplied(cluster);
        assertThat(OPERATOR.client().resources(HorizontalPodAutoscaler.class).inNamespace(cluster.getMetadata().getNamespace())
                .withName("chat-gateway").get()).as("KEDA makes its own").isNull();
    }

    @Test
    void externalRedis() throws IOException {
        WebSocketCluster cluster = apply("external-redis.yaml", "example-external");

        Deployment gateway = eventually(Deployment.class, cluster, "chat-gateway");
        assertThat(gateway.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .anySatisfy(env -> assertThat(env.getName()).isEqualTo("SSL_CERT_PATH"));
        assertApplied(cluster);
        assertThat(OPERATOR.client().resources(StatefulSet.class).inNamespace(cluster.getMetadata().getNamespace()).list().getItems()).isEmpty();
    }

    @Test
    void identityProvider() throws IOException {
        WebSocketCluster cluster = apply("identity-provider.yaml", "example-idp");

        Deployment gateway = eventually(Deployment.class, cluster, "chat-gateway");
        assertThat(gateway.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("JWT_JWKS_URI");
                    assertThat(env.getValue()).isEqualTo("https://id.example.com/realms/chat/protocol/openid-connect/certs");
                })
                .noneSatisfy(env -> assertThat(env.getName()).isIn("JWT_SECRET_KEY", "JWT_PUBLIC_KEY_PATH"));
        assertApplied(cluster);
    }

    /** Creates the example's resource, after checking that every field it sets is a field of the API (no typos ignored). */
    private WebSocketCluster apply(String file, String namespace) throws IOException {
        String yaml = Files.readString(EXAMPLES.resolve(file));
        WebSocketCluster cluster = OPERATOR.client().getKubernetesSerialization().unmarshal(yaml, WebSocketCluster.class);
        JsonNode written = YAML.readTree(yaml).path("spec");
        JsonNode understood = YAML.valueToTree(cluster.getSpec());
        assertThat(leafPaths(written, "")).allSatisfy(path -> assertThat(understood.at(path).isMissingNode())
                .as("%s: spec%s is not a WebSocketCluster field", file, path).isFalse());
        if (cluster.getMetadata().getNamespace() == null) {
            cluster.getMetadata().setNamespace(namespace);
        }
        return OPERATOR.client().resource(cluster).create();
    }

    private static List<String> leafPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(field -> paths.addAll(leafPaths(field.getValue(), prefix + "/" + field.getKey().replace("~", "~0").replace("/", "~1"))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.addAll(leafPaths(node.get(i), prefix + "/" + i));
            }
        } else {
            paths.add(prefix);
        }
        return paths;
    }

    /** The operator accepted the spec: a status for this generation that is not InvalidSpec. */
    private void assertApplied(WebSocketCluster cluster) {
        await().untilAsserted(() -> {
            WebSocketCluster current = OPERATOR.client().resource(cluster).get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().observedGeneration()).isEqualTo(current.getMetadata().getGeneration());
            assertThat(current.getStatus().conditions())
                    .anySatisfy(condition -> assertThat(condition.getType()).isEqualTo("GatewayReady"))
                    .noneSatisfy(condition -> assertThat(condition.getReason()).isEqualTo("InvalidSpec"));
        });
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T eventually(Class<T> type, WebSocketCluster cluster, String name) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> OPERATOR.client().resources(type).inNamespace(cluster.getMetadata().getNamespace()).withName(name).get(),
                object -> object != null);
    }
}
