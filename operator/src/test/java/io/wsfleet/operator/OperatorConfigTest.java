package io.wsfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsfleet.operator.model.OperatorSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

    @Test
    void defaultsWatchEverythingWithLeaderElection() {
        OperatorConfig config = OperatorConfig.fromEnvironment(Map.of());

        assertThat(config.namespaces()).isEmpty();
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.healthPort()).isEqualTo(8081);
        assertThat(config.settings()).isEqualTo(OperatorSettings.defaults());
    }

    @Test
    void readsTheChartsVariables() {
        OperatorConfig config = OperatorConfig.fromEnvironment(Map.of("WATCH_NAMESPACES", " a, b ,,", "GATEWAY_IMAGE", "r/gw:2",
                "REDIS_IMAGE", "r/redis:7", "LEADER_ELECTION", "FALSE", "POD_NAMESPACE", "ops", "HEALTH_PORT", "9000"));

        assertThat(config.namespaces()).containsExactlyInAnyOrder("a", "b");
        assertThat(config.settings()).isEqualTo(new OperatorSettings("r/gw:2", "r/redis:7"));
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.leaseNamespace()).isEqualTo("ops");
        assertThat(config.healthPort()).isEqualTo(9000);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("LEADER_ELECTION", "yes")))
                .hasMessage("LEADER_ELECTION must be true or false, got 'yes'");
        assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("HEALTH_PORT", "x")))
                .hasMessage("HEALTH_PORT must be an integer, got 'x'");
    }
}
