package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Where TLS is terminated. */
@ValidationRule(value = "self.mode != 'Pod' || has(self.secretName)", message = "mode Pod needs secretName", fieldPath = ".secretName")
@ValidationRule(value = "self.mode != 'LoadBalancer' || has(self.certificateArn)", message = "mode LoadBalancer needs certificateArn",
        fieldPath = ".certificateArn")
public record TlsSpec(
        @Pattern("^(None|Pod|LoadBalancer)$") @Default("None")
        @JsonPropertyDescription("None: ws://. Pod: the gateways serve wss:// with secretName. LoadBalancer: the NLB terminates TLS with certificateArn.")
        String mode,
        @JsonPropertyDescription("kubernetes.io/tls Secret (tls.crt, tls.key) for mode Pod; renewals apply without a restart.") String secretName,
        @JsonPropertyDescription("ACM certificate ARN for mode LoadBalancer.") String certificateArn) {

    public TlsSpec {
        mode = mode == null ? "None" : mode;
    }

    /** Clients use wss:// (TLS at the pods or at the load balancer). */
    public boolean secure() {
        return !"None".equals(mode);
    }

    public boolean atPods() {
        return "Pod".equals(mode);
    }

    public boolean atLoadBalancer() {
        return "LoadBalancer".equals(mode);
    }
}
