package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.DrainSpec;
import io.wsfleet.operator.api.v1alpha1.GatewaySpec;
import io.wsfleet.operator.api.v1alpha1.LimitsSpec;
import io.wsfleet.operator.api.v1alpha1.PublicKeySpec;
import io.wsfleet.operator.api.v1alpha1.RebalanceSpec;
import io.wsfleet.operator.api.v1alpha1.RoomSpec;
import io.wsfleet.operator.api.v1alpha1.RoomType;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.TlsSpec;
import io.wsfleet.operator.api.v1alpha1.HistorySpec;
import io.wsfleet.operator.api.v1alpha1.TlsMode;
import io.wsfleet.operator.api.v1alpha1.KeyAlgorithm;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class GatewayModelTest {

    static final OperatorSettings SETTINGS = OperatorSettings.defaults();

    @Test
    void podsCarryTheLabelsTheirSelectorNames() {
        Deployment deployment = GatewayModel.deployment(Clusters.minimal("prod", "chat"), SETTINGS);

        assertThat(deployment.getMetadata().getName()).isEqualTo("chat-gateway");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "chat").containsEntry("app.kubernetes.io/component", "gateway");
    }

    @Test
    void probesUseTheAdminPortAndTheDrainFitsInTheGracePeriod() {
        WebSocketCluster cluster = with(Clusters.minimal("prod", "chat"), spec -> new WebSocketClusterSpec(
                new GatewaySpec(null, null, null, null, null, 40, null, null, null), null, null, null, spec.auth(), null, null, null, null, null, null, null));
        PodSpec pod = GatewayModel.deployment(cluster, SETTINGS).getSpec().getTemplate().getSpec();
        Container gateway = pod.getContainers().getFirst();

        assertThat(gateway.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("admin");
            assertThat(port.getContainerPort()).isEqualTo(9090);
        });
        assertThat(gateway.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(gateway.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(gateway.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
        assertThat(gateway.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);
        assertThat(env(gateway)).containsEntry("ADMIN_PORT", "9090").containsEntry("PORT", "8080");
        assertThat(GatewayConfigFile.of(cluster.getSpec(), ClusterNames.of(cluster)).content()).contains("shutdown-grace-seconds: 40");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(5L + 40L);
    }

    @Test
    void runsRestrictedAndReadOnly() {
        PodSpec pod = GatewayModel.deployment(Clusters.minimal("prod", "chat"), SETTINGS).getSpec().getTemplate().getSpec();
        Container gateway = pod.getContainers().getFirst();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(gateway.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(gateway.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(gateway.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(gateway.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void theConfigMapIsMountedAsADirectorySoThatTheKubeletUpdatesIt() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        PodSpec pod = GatewayModel.deployment(cluster, SETTINGS).getSpec().getTemplate().getSpec();
        Container gateway = pod.getContainers().getFirst();

        assertThat(env(gateway)).containsEntry("WSFLEET_CONFIG", "/etc/wsfleet/config/gateway.yaml");
        assertThat(gateway.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/etc/wsfleet/config");
            assertThat(mount.getSubPath()).isNull();
        });
        assertThat(pod.getVolumes()).anySatisfy(volume ->
                assertThat(volume.getConfigMap().getName()).isEqualTo(GatewayModel.configMap(cluster).getMetadata().getName()));
        assertThat(GatewayModel.configMap(cluster).getData()).containsKey("gateway.yaml");
    }

    @Test
    void replicasFollowSpecGatewayReplicasWithinTheHpasBounds() {
        WebSocketCluster autoscaled = Clusters.minimal("prod", "chat");
        WebSocketCluster fixed = with(autoscaled, spec -> new WebSocketClusterSpec(new GatewaySpec(null, 3, null, null, null, null, null, null, null),
                new AutoscalingSpec(false, null, null, null, null, null, null, null), null, null, spec.auth(), null, null, null, null, null, null, null));
        WebSocketCluster scaledByTheHpa = with(autoscaled, spec -> new WebSocketClusterSpec(new GatewaySpec(null, 37, null, null, null, null, null, null, null),
                null, null, null, spec.auth(), null, null, null, null, null, null, null));
        WebSocketCluster beyondMax = with(autoscaled, spec -> new WebSocketClusterSpec(new GatewaySpec(null, 500, null, null, null, null, null, null, null),
                null, null, null, spec.auth(), null, null, null, null, null, null, null));

        assertThat(GatewayModel.deployment(autoscaled, SETTINGS).getSpec().getReplicas()).as("default 2, raised to minReplicas").isEqualTo(10);
        assertThat(GatewayModel.deployment(scaledByTheHpa, SETTINGS).getSpec().getReplicas()).isEqualTo(37);
        assertThat(GatewayModel.deployment(beyondMax, SETTINGS).getSpec().getReplicas()).isEqualTo(100);
        assertThat(GatewayModel.deployment(fixed, SETTINGS).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void secretsReachThePodAsReferencesNeverAsValues() {
        Container gateway = GatewayModel.deployment(Clusters.minimal("prod", "chat"), SETTINGS)
                .getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(gateway.getEnv()).filteredOn(env -> env.getName().equals("REDIS_PASSWORD"))
                .singleElement().satisfies(env -> {
                    assertThat(env.getValue()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).isNotNull();
                });
        assertThat(gateway.getEnv()).extracting(EnvVar::getName).doesNotContain("JWT_SECRET_KEY");
    }

    @Test
    void theJwtSecretIsAMountedFileSoThatTheKubeletUpdatesIt() {
        PodSpec pod = GatewayModel.deployment(Clusters.minimal("prod", "chat"), SETTINGS).getSpec().getTemplate().getSpec();

        assertThat(env(pod.getContainers().getFirst())).containsEntry("JWT_SECRET_FILE", "/etc/wsfleet/auth/jwt-secret");
        assertThat(pod.getContainers().getFirst().getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo("auth");
            assertThat(mount.getMountPath()).isEqualTo("/etc/wsfleet/auth");
            assertThat(mount.getReadOnly()).isTrue();
            assertThat(mount.getSubPath()).as("a subPath mount is never updated").isNull();
        });
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals("auth")).singleElement().satisfies(volume -> {
            assertThat(volume.getSecret().getSecretName()).isEqualTo("chat-jwt");
            assertThat(volume.getSecret().getItems()).as("the one key, not the Secret's others").singleElement().satisfies(item -> {
                assertThat(item.getKey()).isEqualTo("secret");
                assertThat(item.getPath()).isEqualTo("jwt-secret");
            });
        });
    }

    @Test
    void theKeyOverlapIsARestartSettingOfTheConfigFile() throws IOException {
        WebSocketCluster overlapping = with(Clusters.minimal("prod", "chat"), spec -> new WebSocketClusterSpec(null, null, null, null,
                new AuthSpec(spec.auth().jwtSecret(), null, null, null, null, null, 600), null, null, null, null, null, null, null));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        assertThat(yaml.readTree(GatewayModel.configMap(Clusters.minimal("prod", "chat")).getData().get("gateway.yaml"))
                .at("/auth/key-overlap-seconds").asInt()).as("the default").isEqualTo(3600);
        assertThat(yaml.readTree(GatewayModel.configMap(overlapping).getData().get("gateway.yaml")).at("/auth/key-overlap-seconds").asInt())
                .isEqualTo(600);
        assertThat(restartHash(overlapping)).isNotEqualTo(restartHash(Clusters.minimal("prod", "chat")));
    }

    @Test
    void tlsAtThePodsAndPublicKeysAreMountedFiles() {
        WebSocketCluster cluster = with(Clusters.minimal("prod", "chat"), spec -> new WebSocketClusterSpec(null, null, null, null,
                new AuthSpec(null, new PublicKeySpec(new SecretKeyRef("keys", "rsa.pem"), KeyAlgorithm.RS256), null, null, "issuer", null, null),
                null, null, new TlsSpec(TlsMode.Pod, "chat-tls", null), null, null, null, null));
        PodSpec pod = GatewayModel.deployment(cluster, SETTINGS).getSpec().getTemplate().getSpec();
        Map<String, String> env = env(pod.getContainers().getFirst());

        assertThat(env).containsEntry("SSL_CERT_PATH", "/etc/wsfleet/tls/tls.crt").containsEntry("SSL_KEY_PATH", "/etc/wsfleet/tls/tls.key")
                .containsEntry("JWT_PUBLIC_KEY_PATH", "/etc/wsfleet/auth/public.pem").doesNotContainKey("JWT_SECRET_KEY");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).hasSize(2)
                .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("chat-tls"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).anySatisfy(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("keys");
            assertThat(v.getSecret().getItems().getFirst().getPath()).isEqualTo("public.pem");
        });
        assertThat(GatewayModel.configMap(cluster).getData().get("gateway.yaml")).contains("algorithm: \"RS256\"");
    }

    @Test
    void aJwksUriReachesTheGatewaysAsAnEnvironmentVariableWithNothingMounted() throws IOException {
        String uri = "https://id.example/.well-known/jwks.json";
        WebSocketCluster cluster = with(Clusters.minimal("prod", "chat"), spec -> new WebSocketClusterSpec(null, null, null, null,
                new AuthSpec(null, null, uri, KeyAlgorithm.ES256, null, null, null), null, null, null, null, null, null, null));
        PodSpec pod = GatewayModel.deployment(cluster, SETTINGS).getSpec().getTemplate().getSpec();

        assertThat(env(pod.getContainers().getFirst())).containsEntry("JWT_JWKS_URI", uri)
                .doesNotContainKeys("JWT_SECRET_KEY", "JWT_PUBLIC_KEY_PATH");
        assertThat(pod.getVolumes()).extracting(volume -> volume.getName()).doesNotContain("auth");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertThat(yaml.readTree(GatewayModel.configMap(cluster).getData().get("gateway.yaml")).at("/auth/algorithm").asText())
                .isEqualTo("ES256");
        assertThat(yaml.readTree(GatewayModel.configMap(with(cluster, spec -> new WebSocketClusterSpec(null, null, null, null,
                Clusters.jwksAuth(uri), null, null, null, null, null, null, null))).getData().get("gateway.yaml")).at("/auth/algorithm").asText())
                .as("without jwksAlgorithm").isEqualTo("RS256");
    }

    @Test
    void roomsBecomeTheGatewaysSeedFileBesideTheConfig() throws IOException {
        WebSocketCluster cluster = with(Clusters.minimal("prod", "chat"), spec -> new WebSocketClusterSpec(null, null, null, null,
                spec.auth(), null, null, null, List.of(new RoomSpec("lobby", null, null, null, null),
                        new RoomSpec("staff", RoomType.PRIVATE, List.of("alice", "bob"), null, null)), null, null, null));
        Map<String, String> data = GatewayModel.configMap(cluster).getData();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        assertThat(yaml.readTree(data.get("gateway.yaml")).at("/rooms/seed-file").asText()).isEqualTo("/etc/wsfleet/config/rooms.yaml");
        JsonNode rooms = yaml.readTree(data.get("rooms.yaml")).get("rooms");
        assertThat(rooms).hasSize(2);
        assertThat(rooms.get(0).get("id").asText()).isEqualTo("lobby");
        assertThat(rooms.get(0).get("type").asText()).isEqualTo("public");
        assertThat(rooms.get(1).get("type").asText()).isEqualTo("private");
        assertThat(rooms.get(1).get("members")).extracting(JsonNode::asText).containsExactly("alice", "bob");
        assertThat(restartHash(cluster)).as("rooms hot-reload").isEqualTo(restartHash(Clusters.minimal("prod", "chat")));
    }

    @Test
    void historyGoesToTheReloadedPartOfTheConfigAndPerRoomToTheSeedFile() throws IOException {
        WebSocketCluster cluster = with(Clusters.minimal("prod", "chat"), spec -> new WebSocketClusterSpec(null, null, null, null,
                spec.auth(), null, null, null, List.of(new RoomSpec("lobby", null, null, new HistorySpec(200, 60), null),
                        new RoomSpec("quiet", null, null, new HistorySpec(0, null), null), new RoomSpec("plain", null, null, null, null)),
                new HistorySpec(5000, 900), null, null));
        Map<String, String> data = GatewayModel.configMap(cluster).getData();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        JsonNode config = yaml.readTree(data.get("gateway.yaml"));
        assertThat(config.at("/history/size").asInt()).isEqualTo(5000);
        assertThat(config.at("/history/ttl-seconds").asInt()).isEqualTo(900);
        JsonNode rooms = yaml.readTree(data.get("rooms.yaml")).get("rooms");
        assertThat(rooms.get(0).get("history")).isEqualTo(yaml.readTree("{size: 200, ttl-seconds: 60}"));
        assertThat(rooms.get(1).get("history")).as("an unset field is left to the gateway").isEqualTo(yaml.readTree("{size: 0}"));
        assertThat(rooms.get(2).has("history")).isFalse();
        assertThat(yaml.readTree(GatewayModel.configMap(Clusters.minimal("prod", "chat")).getData().get("gateway.yaml")).has("history"))
                .as("unset: the gateway's defaults").isFalse();
        assertThat(restartHash(cluster)).as("history hot-reloads").isEqualTo(restartHash(Clusters.minimal("prod", "chat")));
    }

    @Test
    void theFleetWideOnlineAnnouncementIsAnOptInThatTheGatewaysReadAtStart() throws IOException {
        WebSocketCluster minimal = Clusters.minimal("prod", "chat");
        WebSocketCluster announcing = with(minimal, spec -> new WebSocketClusterSpec(
                new GatewaySpec(null, null, null, null, null, null, true, null, null), null, null, null, spec.auth(), null, null, null,
                null, null, null, null));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        assertThat(yaml.readTree(GatewayModel.configMap(minimal).getData().get("gateway.yaml"))
                .at("/presence/announce-online").asBoolean(true)).as("off unless asked for").isFalse();
        assertThat(yaml.readTree(GatewayModel.configMap(announcing).getData().get("gateway.yaml"))
                .at("/presence/announce-online").asBoolean()).isTrue();
        assertThat(restartHash(announcing)).as("read at start: the pods roll").isNotEqualTo(restartHash(minimal));
    }

    @Test
    void encryptedRoomsAreMarkedAndTheKeyComesFromItsSecret() throws IOException {
        WebSocketCluster cluster = with(Clusters.minimal("prod", "chat"), spec -> new WebSocketClusterSpec(null, null, null, null,
                spec.auth(), null, null, null, List.of(new RoomSpec("vault", null, null, null, true), new RoomSpec("lobby", null, null, null, null)),
                null, null, new SecretKeyRef("chat-fernet", "key")));
        JsonNode rooms = new ObjectMapper(new YAMLFactory()).readTree(GatewayModel.configMap(cluster).getData().get("rooms.yaml")).get("rooms");
        assertThat(rooms.get(0).get("encrypted").asBoolean()).isTrue();
        assertThat(rooms.get(1).has("encrypted")).isFalse();
        EnvVar key = GatewayModel.deployment(cluster, SETTINGS).getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()
                .stream().filter(env -> env.getName().equals("MESSAGE_ENCRYPTION_KEY")).findFirst().orElseThrow();
        assertThat(key.getValue()).isNull();
        assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo("chat-fernet");
        assertThat(key.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("key");
    }

    @Test
    void theRestartHashChangesOnlyForSettingsTheGatewayCannotReload() {
        WebSocketCluster base = Clusters.minimal("prod", "chat");
        String hash = restartHash(base);

        assertThat(restartHash(with(base, spec -> new WebSocketClusterSpec(null, null, null, null, spec.auth(),
                new LimitsSpec(50, 1000, 99, null), List.of("https://a.example"), null, null, null, null, null))))
                .as("limits and origins hot-reload").isEqualTo(hash);
        assertThat(restartHash(with(base, spec -> new WebSocketClusterSpec(null, null, null, null, spec.auth(),
                new LimitsSpec(null, null, null, 1024), null, null, null, null, null, null))))
                .as("max message size is read at start").isNotEqualTo(hash);
        assertThat(restartHash(with(base, spec -> new WebSocketClusterSpec(null, null, null, null,
                new AuthSpec(spec.auth().jwtSecret(), null, null, null, "https://issuer.example", null, null), null, null, null, null, null, null, null))))
                .as("issuer is read at start").isNotEqualTo(hash);
    }

    @Test
    void drainAndRebalancingReachTheGatewaysConfigFileAndRollThePods() throws IOException {
        WebSocketCluster base = Clusters.minimal("prod", "chat");
        WebSocketCluster paced = with(base, spec -> new WebSocketClusterSpec(new GatewaySpec(null, null, null, null, null, null, null,
                new DrainSpec(0, 30, null, 0), new RebalanceSpec(false, 25, 5)), null, null, null, spec.auth(), null, null, null, null, null,
                null, null));
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(GatewayModel.configMap(paced).getData().get("gateway.yaml"));

        assertThat(config.at("/drain")).isEqualTo(new ObjectMapper(new YAMLFactory()).readTree("{deregistration-delay-seconds: 0, window-seconds: 30}"));
        assertThat(config.at("/presence/reconnect-grace-seconds").asInt(-1)).as("the grace off").isZero();
        assertThat(config.at("/rebalance")).isEqualTo(new ObjectMapper(new YAMLFactory())
                .readTree("{enabled: false, margin-percent: 25, max-sheds-per-second: 5}"));
        assertThat(restartHash(paced)).as("the gateway reads them at start").isNotEqualTo(restartHash(base));
        assertThat(GatewayModel.deployment(paced, SETTINGS).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("preStop 5 + delay 0 + window 30 + shutdown grace 10 + 10").isEqualTo(55L);
    }

    @Test
    void everyKeyOfTheConfigFileIsAKeyTheGatewayKnows() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode gatewayDefaults = yaml.readTree(Path.of("").toAbsolutePath().getParent()
                .resolve("gateway/src/main/resources/application.yaml").toFile());
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        JsonNode produced = yaml.readTree(GatewayModel.configMap(cluster).getData().get("gateway.yaml"));

        List<String> paths = new ArrayList<>();
        collect(produced, "", paths);
        assertThat(paths).isNotEmpty().allSatisfy(path -> assertThat(gatewayDefaults.at(path).isMissingNode())
                .as("gateway key %s", path).isFalse());
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + "/" + field.getKey();
            if (field.getValue().isObject()) {
                collect(field.getValue(), path, paths);
            } else {
                paths.add(path);
            }
        }
    }

    static String restartHash(WebSocketCluster cluster) {
        return GatewayModel.deployment(cluster, SETTINGS).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(GatewayModel.RESTART_HASH);
    }

    static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    static WebSocketCluster with(WebSocketCluster cluster, UnaryOperator<WebSocketClusterSpec> change) {
        return Clusters.of(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), change.apply(cluster.getSpec()));
    }
}
