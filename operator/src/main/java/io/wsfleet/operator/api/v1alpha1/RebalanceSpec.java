package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Rebalancing after a scale-up: the gateway's rebalance.* keys (docs/operations.md#rebalancing). */
public record RebalanceSpec(
        @Default("true")
        @JsonPropertyDescription("A gateway above the fleet's mean connection count by more than marginPercent closes the excess with"
                + " 1012 so that its clients reconnect to less loaded gateways (rebalance.enabled).")
        Boolean enabled,
        @Min(1) @Max(1000) @Default("10")
        @JsonPropertyDescription("Excess over the fleet's mean, in percent of the mean, a gateway tolerates (rebalance.margin-percent).")
        Integer marginPercent,
        @Min(1) @Max(10000) @Default("20")
        @JsonPropertyDescription("The most connections one gateway closes per second to rebalance (rebalance.max-sheds-per-second).")
        Integer maxShedsPerSecond) {

    public RebalanceSpec {
        enabled = enabled == null || enabled;
        marginPercent = marginPercent == null ? 10 : marginPercent;
        maxShedsPerSecond = maxShedsPerSecond == null ? 20 : maxShedsPerSecond;
    }
}
