package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisModelTest {

    @Test
    void theStatefulSetServiceAndGatewayAgreeOnNamesAndThePassword() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        StatefulSet redis = RedisModel.statefulSet(cluster, OperatorSettings.defaults());
        Service service = RedisModel.service(cluster);

        assertThat(redis.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(redis.getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getMetadata().getName()).isEqualTo("chat-redis");
        assertThat(GatewayModel.configMap(cluster).getData().get("gateway.yaml")).contains("url: \"redis://chat-redis:6379\"");
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(RedisModel.secret(cluster, "x").getMetadata().getName());
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("redis:7.4-alpine");
        assertThat(redis.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests().get("storage"))
                .hasToString("1Gi");
    }

    @Test
    void everyObjectIsControlledByTheCluster() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        cluster.getMetadata().setUid("uid-1");

        assertThat(RedisModel.statefulSet(cluster, OperatorSettings.defaults()).getMetadata().getOwnerReferences())
                .singleElement().satisfies(owner -> {
                    assertThat(owner.getUid()).isEqualTo("uid-1");
                    assertThat(owner.getKind()).isEqualTo("WebSocketCluster");
                    assertThat(owner.getApiVersion()).isEqualTo("wsfleet.io/v1alpha1");
                    assertThat(owner.getController()).isTrue();
                });
    }

    @Test
    void inSentinelModeEveryPodFindsThePeersAndTheFirstMasterUnderTheHeadlessServicesNames() {
        WebSocketCluster cluster = Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null, null,
                new RedisSpec(new ManagedRedisSpec(null, null, null, null, 5), null), Clusters.jwtAuth(), null, null, null, null, null, null, null));
        StatefulSet redis = RedisModel.statefulSet(cluster, OperatorSettings.defaults());
        Service headless = RedisModel.headlessService(cluster);

        List<Container> containers = redis.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactly("redis", "sentinel");
        for (Container container : containers) {
            Map<String, String> env = new HashMap<>();
            container.getEnv().stream().filter(variable -> variable.getValue() != null).forEach(variable -> env.put(variable.getName(), variable.getValue()));
            String podZero = "chat-redis-0." + headless.getMetadata().getName() + ".prod.svc";
            assertThat(env.get("MY_HOST")).isEqualTo("$(POD_NAME)." + headless.getMetadata().getName() + ".prod.svc");
            assertThat(env.get("FIRST_MASTER")).isEqualTo(podZero + ":6379");
            assertThat(env.get("SENTINELS").split(" ")).hasSize(5).allMatch(address -> address.endsWith(".chat-redis-headless.prod.svc:26379"))
                    .contains(podZero + ":26379");
            assertThat(env.get("QUORUM")).isEqualTo("3");
            assertThat(container.getEnv()).anySatisfy(variable -> assertThat(variable.getName()).isEqualTo("REDIS_PASSWORD"));
            assertThat(container.getCommand()).containsExactly("sh", "-c", SentinelMode.SCRIPT, "redis-ha", container.getName().equals("redis")
                    ? "server" : "sentinel");
        }
        assertThat(redis.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertThat(containers.getFirst().getLifecycle().getPreStop().getExec().getCommand()).last().isEqualTo("handover");
        assertThat(GatewayModel.configMap(cluster).getData().get("gateway.yaml"))
                .contains("url: \"redis-sentinel://chat-redis-0.chat-redis-headless.prod.svc:26379,").contains(":26379#wsfleet\"");
    }
}
