package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;

/** The gateway pods. */
public record GatewaySpec(
        @JsonPropertyDescription("Gateway image; empty: the operator's default gateway image.") String image,
        @SpecReplicas @Min(0) @Default("2")
        @JsonPropertyDescription("Number of gateway pods (the scale subresource). With autoscaling, the HPA sets it, kept within"
                + " minReplicas..maxReplicas.") Integer replicas,
        @JsonPropertyDescription("Container resources; default requests 512Mi memory and 500m CPU, limits 1Gi and 1 CPU.") ResourceRequirements resources,
        @JsonPropertyDescription("Where the pods run.") SchedulingSpec scheduling,
        @JsonPropertyDescription("Extra environment variables for the gateway container (docs/configuration.md); they win over the operator's."
                + " Not the drain and rebalancing ones, which the spec sets.")
        List<EnvVar> env,
        @Min(1) @Max(3600) @Default("10")
        @JsonPropertyDescription("Seconds a stopping gateway waits, after the drain window, for the close handshakes of its connections"
                + " (session.shutdown-grace-seconds) before it exits.")
        Integer drainSeconds,
        @Default("false")
        @JsonPropertyDescription("Send user_online/user_offline to every connected session (presence.announce-online), an opt-in for"
                + " small deployments: it costs O(connections) frames per event. Off: they reach the sessions that subscribed to"
                + " the user and the rooms the user was in. Changing it restarts the pods.")
        Boolean announceOnline,
        @JsonPropertyDescription("The paced drain of a stopping gateway, and how much of the fleet drains at once. Changing it rolls the pods.")
        DrainSpec drain,
        @JsonPropertyDescription("Rebalancing of connections across the gateways after a scale-up. Changing it rolls the pods.")
        RebalanceSpec rebalance) {

    public static final int DEFAULT_REPLICAS = 2;
    public static final int DEFAULT_DRAIN_SECONDS = 10;
    /**
     * The gateway's environment variables for the settings above (session.shutdown-grace-seconds, drain.*, the reconnect grace,
     * rebalance.*): set in env they would win over the spec, and the pod's grace period would no longer cover the drain. The operator refuses them
     * (a CEL rule over env's unbounded list of unbounded names would exceed the API server's cost budget).
     */
    public static final List<String> SPEC_VARIABLES = List.of("SHUTDOWN_GRACE_SECONDS", "DRAIN_DEREGISTRATION_DELAY_SECONDS",
            "DRAIN_WINDOW_SECONDS", "PRESENCE_RECONNECT_GRACE_SECONDS", "REBALANCE_ENABLED", "REBALANCE_MARGIN_PERCENT",
            "REBALANCE_MAX_SHEDS_PER_SECOND");

    public GatewaySpec {
        image = image == null ? "" : image.trim();
        replicas = replicas == null ? DEFAULT_REPLICAS : replicas;
        resources = resources == null ? defaultResources() : resources;
        scheduling = scheduling == null ? new SchedulingSpec(null, null, null, null) : scheduling;
        env = env == null ? List.of() : List.copyOf(env);
        drainSeconds = drainSeconds == null ? DEFAULT_DRAIN_SECONDS : drainSeconds;
        announceOnline = announceOnline != null && announceOnline;
        drain = drain == null ? new DrainSpec(null, null, null, null) : drain;
        rebalance = rebalance == null ? new RebalanceSpec(null, null, null) : rebalance;
    }

    /**
     * The seed's figures, in the API server's canonical form ("1", not "1000m"): the operator compares
     * what it wants with what is stored, and a quantity the server rewrites can look changed forever.
     */
    private static ResourceRequirements defaultResources() {
        return new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("512Mi")).addToRequests("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("1Gi")).addToLimits("cpu", new Quantity("1"))
                .build();
    }
}
