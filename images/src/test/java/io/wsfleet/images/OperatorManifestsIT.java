package io.wsfleet.images;

import static io.wsfleet.images.support.Podman.podman;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wsfleet.images.support.BuiltImages;
import io.wsfleet.images.support.Client;
import io.wsfleet.images.support.Http;
import io.wsfleet.images.support.Podman;
import io.wsfleet.images.support.Tokens;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.GatewayModel;
import io.wsfleet.operator.model.OperatorSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator renders for a WebSocketCluster with an external Redis (the gateway ConfigMap and
 * Deployment, from its own model) played by {@code podman kube play} beside a Redis container, with the
 * Secrets a user creates: the settings, mounts, security context and environment it writes let the gateway
 * start, reach Redis and verify tokens of the mounted JWT secret, and two pods carry a message from one to the other.
 */
class OperatorManifestsIT {

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String cluster = "chat-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String[]> cleanUps = new ArrayList<>();
    @TempDir
    Path files;

    @AfterEach
    void cleanUp() {
        cleanUps.reversed().forEach(Podman::cleanUp);
    }

    @Test
    void twoPodsFromTheRenderedDeploymentReachRedisAcceptTokensOfTheSecretsKeyAndCarryAMessageAcross() throws Exception {
        String jwtKey = UUID.randomUUID() + "-" + UUID.randomUUID();
        String redisPassword = UUID.randomUUID().toString();
        String redis = cluster + "-redis";
        cleanUps.add(new String[] {"rm", "-f", "-t", "0", redis});
        podman("run", "-d", "--name", redis, BuiltImages.redis(),
                "redis-server", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--requirepass", redisPassword);

        WebSocketCluster resource = KUBERNETES.unmarshal(manifest(Podman.address(redis)), WebSocketCluster.class);
        createMountedSecret(cluster + "-jwt", "jwt-secret", jwtKey);
        createSecret(secret(cluster + "-redis", "password", redisPassword));
        ConfigMap config = GatewayModel.configMap(resource);
        cleanUps.add(new String[] {"volume", "rm", config.getMetadata().getName()});
        Path configMap = write("configmap.yaml", KUBERNETES.asYaml(config));
        Deployment deployment = GatewayModel.deployment(resource, new OperatorSettings(BuiltImages.get().gateway(), "unused"));
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);

        String first = play(deployment, "a", configMap);
        String second = play(deployment, "b", configMap);

        for (String pod : List.of(first, second)) {
            String host = address(pod);
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
                    assertThat(Http.get("http://" + host + ":9090/health", Duration.ofSeconds(2)).body())
                            .contains("\"broker\":\"redis\"").contains("\"redis\":\"ok\""));
            assertThat(podman("exec", pod + "-" + GatewayModel.CONTAINER, "cat", "/proc/1/status"))
                    .as("the pod's security context").contains("Uid:\t10001\t10001\t10001\t10001").contains("CapEff:\t0000000000000000");
            assertThat(podman("inspect", "-f", "{{.HostConfig.ReadonlyRootfs}}", pod + "-" + GatewayModel.CONTAINER)).isEqualTo("true");
        }

        assertThatThrownBy(() -> Client.connect(address(first), Tokens.hs256("a-key-that-is-not-the-secrets-0123456789", "mallory")))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
        try (Client alice = Client.connect(address(first), Tokens.hs256(jwtKey, "alice"));
             Client bob = Client.connect(address(second), Tokens.hs256(jwtKey, "bob"))) {
            alice.join("lobby", "j1");
            bob.join("lobby", "j2");
            alice.say("lobby", "across two pods", "m1");
            JsonNode received = bob.awaitFrame(frame -> frame.path("type").asText().equals("room_message"));
            assertThat(received.path("from").asText()).isEqualTo("alice");
            assertThat(received.path("payload").path("message").asText()).isEqualTo("across two pods");
        }
    }

    private String manifest(String redisHost) {
        return """
                apiVersion: wsfleet.io/v1alpha1
                kind: WebSocketCluster
                metadata:
                  name: %1$s
                  namespace: default
                spec:
                  redis:
                    external:
                      url: redis://%2$s:6379
                      passwordSecret: {name: %1$s-redis, key: password}
                  auth:
                    jwtSecret: {name: %1$s-jwt, key: jwt-secret}
                  autoscaling: {enabled: false}
                  gateway:
                    replicas: 2
                """.formatted(cluster, redisHost);
    }

    /** As kubectl create secret generic stores it: the value base64-encoded under data. */
    private static Secret secret(String name, String key, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** kube play (podman 4.3) resolves secretKeyRef in a podman secret holding the JSON of the Secret's data. */
    private void createSecret(Secret secret) throws IOException {
        createPodmanSecret(secret.getMetadata().getName(), JSON.writeValueAsString(secret.getData()));
    }

    /**
     * kube play (podman 4.3) fills a Secret volume, a podman volume named after the Secret, from a podman secret holding
     * the whole Secret. It reads the field names in lower case (so {@code stringData} is lost) and writes the values of
     * {@code data} as they are, not base64-decoded: the value goes into {@code data} as plain text. It writes an item
     * under its key rather than its path, so the test names the key as the operator names the file (jwt-secret).
     */
    private void createMountedSecret(String name, String key, String value) throws IOException {
        cleanUps.add(new String[] {"volume", "rm", "-f", name});
        createPodmanSecret(name, JSON.writeValueAsString(Map.of("kind", "Secret", "metadata", Map.of("name", name),
                "data", Map.of(key, value))));
    }

    private void createPodmanSecret(String name, String content) throws IOException {
        cleanUps.add(new String[] {"secret", "rm", name});
        podman("secret", "create", name, write(name + ".json", content).toString());
    }

    /**
     * Plays the Deployment as one pod; its name is the pod's. kube play publishes every containerPort on the
     * host (the port itself when hostPort is unset), which a kubelet does not: each pod gets free loopback
     * ports so that two pods (and whatever else runs here) do not clash, and clients use the pod's address.
     */
    private String play(Deployment rendered, String suffix, Path configMap) throws IOException {
        Deployment deployment = KUBERNETES.unmarshal(KUBERNETES.asYaml(rendered), Deployment.class);
        deployment.getMetadata().setName(rendered.getMetadata().getName() + "-" + suffix);
        deployment.getSpec().setReplicas(1);
        for (ContainerPort port : deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts()) {
            port.setHostIP("127.0.0.1");
            port.setHostPort(freePort());
        }
        // Kubernetes reads an unset optional as false; kube play 4.3 dereferences it (a nil pointer panic) and needs it said.
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream().filter(volume -> volume.getSecret() != null)
                .forEach(volume -> volume.getSecret().setOptional(false));
        String pod = deployment.getMetadata().getName() + "-pod-0";
        cleanUps.add(new String[] {"pod", "rm", "-f", "-t", "0", pod});
        podman("kube", "play", "--configmap", configMap.toString(),
                write(deployment.getMetadata().getName() + ".yaml", KUBERNETES.asYaml(deployment)).toString());
        return pod;
    }

    private static String address(String pod) {
        return Podman.address(podman("pod", "inspect", "-f", "{{.InfraContainerID}}", pod));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
