package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.DrainSpec;
import io.wsfleet.operator.api.v1alpha1.GatewaySpec;
import io.wsfleet.operator.api.v1alpha1.ScaleDownSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import org.junit.jupiter.api.Test;

/** How many gateways drain at once and how soon the next may: the rollout, the disruption budget and the HPA's behaviour. */
class DrainPacingTest {

    @Test
    void atMostTheDrainingShareOfTheFleetAndAtLeastOnePod() {
        for (int percent : new int[] {1, 10, 25, 33, 50, 100}) {
            for (int replicas = 0; replicas <= 200; replicas++) {
                int atOnce = DrainPacing.podsAtOnce(spec(percent, 1, null), replicas);

                assertThat(atOnce).as("%d%% of %d", percent, replicas).isPositive();
                if (atOnce > 1) {
                    assertThat(atOnce * 100).as("%d%% of %d", percent, replicas).isLessThanOrEqualTo(percent * replicas);
                }
                assertThat((atOnce + 1) * 100).as("%d%% of %d: the most that fits", percent, replicas).isGreaterThan(percent * replicas);
            }
        }
        // where Kubernetes would round a "10%" surge up to 2 (13% of the connections), the operator writes 1
        assertThat(DrainPacing.podsAtOnce(spec(10, 1, null), 15)).isEqualTo(1);
        assertThat(DrainPacing.podsAtOnce(spec(10, 1, null), 100)).isEqualTo(10);
    }

    @Test
    void aRolloutStopsTheSurgeAndTheNextBatchOnlyAfterTheLastOnesDrain() {
        WebSocketCluster cluster = Clusters.of("prod", "chat", spec(20, 30, null));
        DeploymentSpec deployment = GatewayModel.deployment(cluster, OperatorSettings.defaults()).getSpec();

        assertThat(deployment.getReplicas()).isEqualTo(30);
        assertThat(deployment.getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(6);
        assertThat(deployment.getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(deployment.getMinReadySeconds()).as("preStop 5 + delay 5 + window 30").isEqualTo(40);
        assertThat(EdgeModel.disruptionBudget(cluster).getSpec().getMaxUnavailable().getIntVal()).as("node drains too").isEqualTo(6);
    }

    @Test
    void theHpaRemovesOnePodPerDrainAndNoMoreThanTheShareAMinute() {
        HorizontalPodAutoscalerBehavior behavior = DrainPacing.behavior(spec(10, 30, new ScaleDownSpec(600, 5)));
        HPAScalingRules down = behavior.getScaleDown();

        assertThat(down.getStabilizationWindowSeconds()).isEqualTo(600);
        assertThat(down.getSelectPolicy()).as("the slower of the two").isEqualTo("Min");
        assertThat(down.getPolicies()).extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue, HPAScalingPolicy::getPeriodSeconds)
                .containsExactly(tuple("Pods", 1, 40), tuple("Percent", 5, 60));
    }

    @Test
    void aScaleUpLooksPastTheReconnectSpikeOfADrain() {
        HPAScalingRules up = DrainPacing.behavior(spec(10, 30, null)).getScaleUp();
        WebSocketClusterSpec longDrain = new WebSocketClusterSpec(new GatewaySpec(null, 30, null, null, null, null, null,
                new DrainSpec(0, 300, null, null), null), null, null, null, Clusters.jwtAuth(), null, null, null, null, null, null, null);

        assertThat(up.getStabilizationWindowSeconds()).isEqualTo(60);
        assertThat(up.getSelectPolicy()).isEqualTo("Max");
        assertThat(up.getPolicies()).extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue, HPAScalingPolicy::getPeriodSeconds)
                .containsExactly(tuple("Percent", 100, 60), tuple("Pods", 4, 60));
        assertThat(DrainPacing.behavior(longDrain).getScaleUp().getStabilizationWindowSeconds()).isEqualTo(305);
    }

    static WebSocketClusterSpec spec(int maxDrainingPercent, int replicas, ScaleDownSpec scaleDown) {
        return new WebSocketClusterSpec(new GatewaySpec(null, replicas, null, null, null, null, null,
                new DrainSpec(null, null, maxDrainingPercent, null), null),
                new AutoscalingSpec(true, 1, 500, null, null, scaleDown, null, null), null, null, Clusters.jwtAuth(),
                null, null, null, null, null, null, null);
    }
}
