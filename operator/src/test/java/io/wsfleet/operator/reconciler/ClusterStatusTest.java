package io.wsfleet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterStatus;
import io.wsfleet.operator.model.SpecProblem;
import io.wsfleet.operator.support.Clusters;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

    @Test
    void everythingReadyMakesReadyTrueWithTheEndpoint() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        WebSocketClusterStatus status = ClusterStatus.observed(cluster, allReady(10), T0);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(status.endpoint()).isEqualTo("ws://lb.example:443/ws");
        assertThat(status.replicas()).isEqualTo(10);
        assertThat(status.readyReplicas()).isEqualTo(10);
        assertThat(status.conditions()).extracting(Condition::getType)
                .containsExactly("RedisReady", "GatewayReady", "EndpointReady", "Ready");
    }

    @Test
    void transitionTimesMoveOnlyWhenAStatusFlips() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        cluster.setStatus(ClusterStatus.observed(cluster, allReady(10), T0));

        WebSocketClusterStatus same = ClusterStatus.observed(cluster, allReady(10), T1);
        assertThat(same).as("nothing changed: equal, so not written").isEqualTo(cluster.getStatus());

        WebSocketClusterStatus degraded = ClusterStatus.observed(cluster, allReady(3), T1);
        assertThat(condition(degraded, "GatewayReady").getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
        assertThat(condition(degraded, "Ready").getReason()).isEqualTo("GatewayNotReady");
        assertThat(condition(degraded, "Ready").getMessage()).isEqualTo("3 of 10 gateway pods ready");
        assertThat(condition(degraded, "RedisReady").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void anInvalidSpecTurnsOnlyReadyFalseAndKeepsWhatWasObserved() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        cluster.setStatus(ClusterStatus.observed(cluster, allReady(10), T0));
        cluster.getMetadata().setGeneration(2L);

        WebSocketClusterStatus invalid = ClusterStatus.invalid(cluster,
                List.of(new SpecProblem("spec.tls.secretName", "is required when spec.tls.mode is Pod")), T1);

        assertThat(condition(invalid, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(invalid, "Ready").getReason()).isEqualTo("InvalidSpec");
        assertThat(condition(invalid, "Ready").getMessage()).isEqualTo("spec.tls.secretName: is required when spec.tls.mode is Pod");
        assertThat(condition(invalid, "GatewayReady")).isEqualTo(condition(cluster.getStatus(), "GatewayReady"));
        assertThat(invalid.endpoint()).isEqualTo(cluster.getStatus().endpoint());
        assertThat(invalid.observedGeneration()).isEqualTo(2L);
    }

    @Test
    void nothingCreatedYetIsNotReadyWithReasons() {
        WebSocketClusterStatus status = ClusterStatus.observed(Clusters.minimal("prod", "chat"), new Observed(null, null, null), T0);

        assertThat(condition(status, "RedisReady").getReason()).isEqualTo("Creating");
        assertThat(condition(status, "GatewayReady").getReason()).isEqualTo("Creating");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("RedisNotReady");
        assertThat(status.endpoint()).isNull();
    }

    private static Observed allReady(int readyPods) {
        Deployment deployment = new DeploymentBuilder().withNewSpec().endSpec()
                .withNewStatus().withReplicas(10).withReadyReplicas(readyPods).endStatus().build();
        return new Observed(
                new StatefulSetBuilder().withNewStatus().withReplicas(1).withReadyReplicas(1).endStatus().build(),
                deployment,
                new ServiceBuilder().withNewStatus().withNewLoadBalancer().addNewIngress().withHostname("lb.example").endIngress()
                        .endLoadBalancer().endStatus().build());
    }

    private static Condition condition(WebSocketClusterStatus status, String type) {
        return status.conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }
}
