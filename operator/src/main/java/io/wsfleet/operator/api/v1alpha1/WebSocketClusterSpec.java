package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The desired cluster. Absent sections take the defaults their records fill in, which are the
 * ones the CRD schema declares, so the operator sees the same values with or without an API
 * server that applies schema defaults.
 */
@ValidationRule(value = "!has(self.rooms) || !self.rooms.exists(room, has(room.encrypted) && room.encrypted) || has(self.encryptionKey)",
        message = "an encrypted room needs encryptionKey", fieldPath = ".encryptionKey")
public record WebSocketClusterSpec(
        // an empty default, so that the API server fills in gateway.replicas, the scale subresource's path, on every resource
        @Default("{}") @JsonPropertyDescription("The gateway pods.") GatewaySpec gateway,
        @JsonPropertyDescription("The HorizontalPodAutoscaler; when enabled, it owns the replica count.") AutoscalingSpec autoscaling,
        @JsonPropertyDescription("The Service in front of the gateways (an AWS NLB by default).") ServiceSpec service,
        @JsonPropertyDescription("The Redis the gateways share: managed by the operator, or external.") RedisSpec redis,
        @Required @JsonPropertyDescription("How the gateways verify client tokens.") AuthSpec auth,
        @JsonPropertyDescription("Per-user and per-IP limits; changing them does not restart pods.") LimitsSpec limits,
        @JsonPropertyDescription("Web origins allowed to connect (scheme://host[:port]), or '*'; empty: same origin only. Changing them does not restart pods.")
        List<String> origins,
        @JsonPropertyDescription("Where TLS ends: None (ws://), Pod (wss:// served by the gateways) or LoadBalancer (the NLB).") TlsSpec tls,
        @JsonPropertyDescription("The room directory: public and private rooms known in advance. Changing it does not restart pods.")
        List<RoomSpec> rooms,
        @JsonPropertyDescription("History kept for recovery after a reconnect, per room and per user stream; unset fields: the gateway's defaults."
                + " Changing it does not restart pods.")
        HistorySpec history,
        @JsonPropertyDescription("The admin port (publish API, /health, /metrics): its in-cluster Service, monitoring and who may reach it.")
        AdminSpec admin,
        @JsonPropertyDescription("Secret key holding the Fernet key (MESSAGE_ENCRYPTION_KEY) of the rooms marked encrypted; required when one is.")
        SecretKeyRef encryptionKey) {

    public WebSocketClusterSpec {
        gateway = gateway == null ? new GatewaySpec(null, null, null, null, null, null, null, null, null) : gateway;
        autoscaling = autoscaling == null ? new AutoscalingSpec(null, null, null, null, null, null, null, null) : autoscaling;
        service = service == null ? new ServiceSpec(null, null, null, null, null) : service;
        redis = redis == null ? new RedisSpec(null, null) : redis;
        limits = limits == null ? new LimitsSpec(null, null, null, null) : limits;
        origins = origins == null ? List.of() : List.copyOf(origins);
        tls = tls == null ? new TlsSpec(null, null, null) : tls;
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        history = history == null ? new HistorySpec(null, null) : history;
        admin = admin == null ? new AdminSpec(null, null) : admin;
    }
}
