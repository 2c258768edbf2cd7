package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.support.Clusters;
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
}
