package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** What the operator observed; written only when it changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebSocketClusterStatus(
        @JsonPropertyDescription("The metadata.generation this status describes.") Long observedGeneration,
        @JsonPropertyDescription("Ready, RedisReady, GatewayReady, EndpointReady.") List<Condition> conditions,
        @JsonPropertyDescription("URL clients connect to, from the Service's load balancer.") String endpoint,
        @StatusReplicas @JsonPropertyDescription("Gateway pods.") Integer replicas,
        @JsonPropertyDescription("Gateway pods that are ready.") Integer readyReplicas,
        @LabelSelector @JsonPropertyDescription("Label selector of the gateway pods (scale subresource).") String selector) {

    public WebSocketClusterStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
