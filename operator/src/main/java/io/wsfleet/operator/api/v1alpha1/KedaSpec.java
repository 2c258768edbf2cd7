package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The KEDA ScaledObject's Prometheus trigger (autoscaling.provider KEDA). */
public record KedaSpec(
        @Pattern(SERVER_ADDRESS_RULE)
        @JsonPropertyDescription("URL of the Prometheus that scrapes the gateways, as KEDA reaches it (the trigger's serverAddress),"
                + " for example http://prometheus-operated.monitoring.svc:9090.")
        String serverAddress) {

    /** http or https, then a host: what KEDA's Prometheus scaler queries. */
    public static final String SERVER_ADDRESS_RULE = "^https?://[^/\\s?#]+(/\\S*)?$";
}
