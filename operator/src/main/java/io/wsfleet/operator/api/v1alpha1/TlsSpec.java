package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Where TLS is terminated. */
@ValidationRule(value = "self.mode != 'Pod' || has(self.secretName)", message = "mode Pod needs secretName", fieldPath = ".secretName")
@ValidationRule(value = "self.mode != 'LoadBalancer' || has(self.certificateArn)", message = "mode LoadBalancer needs certificateArn",
        fieldPath = ".certificateArn")
public record TlsSpec(
        @Default("None")
        @JsonPropertyDescription("None: ws://. Pod: the gateways serve wss:// with secretName. LoadBalancer: the NLB terminates TLS with certificateArn.")
        TlsMode mode,
        @JsonPropertyDescription("kubernetes.io/tls Secret (tls.crt, tls.key) for mode Pod; renewals apply without a restart.") String secretName,
        @JsonPropertyDescription("ACM certificate ARN for mode LoadBalancer.") String certificateArn) {

    public TlsSpec {
        mode = mode == null ? TlsMode.None : mode;
    }

    /** Clients use wss:// (TLS at the pods or at the load balancer). */
    public boolean secure() {
        return mode != TlsMode.None;
    }

    public boolean atPods() {
        return mode == TlsMode.Pod;
    }

    public boolean atLoadBalancer() {
        return mode == TlsMode.LoadBalancer;
    }
}
