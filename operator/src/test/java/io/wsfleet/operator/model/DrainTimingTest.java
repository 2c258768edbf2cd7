package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.wsfleet.operator.api.v1alpha1.DrainSpec;
import io.wsfleet.operator.api.v1alpha1.GatewaySpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pod's grace period covers the whole stop of its gateway: preStop, deregistration delay, drain window, shutdown grace. */
class DrainTimingTest {

    /** The bounds of each setting (schema minimum and maximum) and values between. */
    static final List<Integer> DELAYS = List.of(0, 1, 5, 900, DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS);
    static final List<Integer> WINDOWS = List.of(0, 1, 10, 600, DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS);
    static final List<Integer> GRACES = List.of(1, 10, 3600);

    @Test
    void theDefaultsStopWithinFortySeconds() {
        DrainTiming timing = DrainTiming.of(Clusters.minimal("prod", "chat").getSpec().gateway());

        assertThat(timing).isEqualTo(new DrainTiming(5, 5, 30, 10));
        assertThat(timing.closingSeconds()).isEqualTo(40);
        assertThat(timing.terminationGracePeriodSeconds()).isEqualTo(60);
    }

    @Test
    void theRenderedGracePeriodCoversEveryStepOfTheStopForEveryValidSpec() {
        for (int delay : DELAYS) {
            for (int window : WINDOWS) {
                for (int grace : GRACES) {
                    WebSocketClusterSpec spec = spec(delay, window, grace);
                    if (!SpecValidation.problems(spec).isEmpty()) {
                        continue;   // delay + window over the bound: refused, nothing rendered
                    }
                    PodSpec pod = GatewayModel.deployment(Clusters.of("prod", "chat", spec), OperatorSettings.defaults())
                            .getSpec().getTemplate().getSpec();
                    long preStop = pod.getContainers().getFirst().getLifecycle().getPreStop().getSleep().getSeconds();

                    assertThat(pod.getTerminationGracePeriodSeconds()).as("delay %d, window %d, grace %d", delay, window, grace)
                            .isGreaterThanOrEqualTo(preStop + delay + window + grace + DrainTiming.KILL_MARGIN_SECONDS)
                            .isEqualTo(DrainTiming.of(spec.gateway()).terminationGracePeriodSeconds());
                }
            }
        }
    }

    @Test
    void oneDrainFitsInTheHpasLongestPolicyPeriod() {
        assertThat(new DrainTiming(GatewayModel.PRE_STOP_SECONDS, 0, DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS, 1).closingSeconds())
                .isEqualTo(1800);
        assertThat(SpecValidation.problems(spec(1, DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS, 10)))
                .extracting(SpecProblem::field).containsExactly("spec.gateway.drain.windowSeconds");
    }

    static WebSocketClusterSpec spec(int delay, int window, int shutdownGrace) {
        return new WebSocketClusterSpec(new GatewaySpec(null, null, null, null, null, shutdownGrace, null,
                new DrainSpec(delay, window, null, null), null), null, null, null, Clusters.jwtAuth(), null, null, null, null, null, null, null);
    }
}
