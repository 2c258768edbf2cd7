package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Scale-down behaviour: every removed pod sends its clients reconnecting, so go slowly. The HPA also never
 * removes more than one pod per drain (gateway.drain); these bound it further.
 */
public record ScaleDownSpec(
        @Min(0) @Max(3600) @Default("300")
        @JsonPropertyDescription("Seconds of lower recommendations before the HPA scales down.") Integer stabilizationWindowSeconds,
        @Min(1) @Max(100) @Default("10")
        @JsonPropertyDescription("At most this percentage of pods removed per minute (rounded up: at least one pod), and never"
                + " more than one pod per drain.") Integer maxPercentPerMinute) {

    public ScaleDownSpec {
        stabilizationWindowSeconds = stabilizationWindowSeconds == null ? 300 : stabilizationWindowSeconds;
        maxPercentPerMinute = maxPercentPerMinute == null ? 10 : maxPercentPerMinute;
    }
}
