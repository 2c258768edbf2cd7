package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/**
 * How much of a stream's publications the gateways keep for recovery after a reconnect. A field left
 * unset is not written, so the gateway's own default applies (1000 publications, 300 seconds).
 */
public record HistorySpec(
        @Min(0) @JsonPropertyDescription("Publications kept per stream (history.size); 0: keep none. Unset: the gateway's default, 1000.")
        Integer size,
        @Min(1) @JsonPropertyDescription("Seconds a publication is kept (history.ttl-seconds). Unset: the gateway's default, 300.")
        Integer ttlSeconds) {
}
