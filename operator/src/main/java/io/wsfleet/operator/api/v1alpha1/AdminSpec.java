package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** The gateways' admin port: publish API, health and metrics, for backends and scrapers inside the cluster. */
public record AdminSpec(
        @Default("false")
        @JsonPropertyDescription("Create a Prometheus Operator ServiceMonitor for the admin Service (needs the monitoring.coreos.com CRDs).")
        Boolean serviceMonitor,
        @JsonPropertyDescription("When set, a NetworkPolicy admits only pods of these namespaces to the admin port (list the cluster's own"
                + " namespace too if a publisher runs there); the client port stays open. Empty: no NetworkPolicy.")
        List<String> allowedNamespaces) {

    public AdminSpec {
        serviceMonitor = serviceMonitor != null && serviceMonitor;
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
    }
}
