package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** The seed's limits. All but maxMessageBytes apply to running gateways without a restart. */
public record LimitsSpec(
        @Min(1) @Default("5") @JsonPropertyDescription("Concurrent connections per user.") Integer maxConnectionsPerUser,
        @Min(1) @Default("100") @JsonPropertyDescription("Client messages per user per minute.") Integer messagesPerMinute,
        @Min(1) @Default("10") @JsonPropertyDescription("WebSocket upgrades per client IP per hour.") Integer connectionsPerIpPerHour,
        @Min(1) @Default("65536") @JsonPropertyDescription("Largest client message in bytes; changing it restarts the pods.")
        Integer maxMessageBytes) {

    public LimitsSpec {
        maxConnectionsPerUser = maxConnectionsPerUser == null ? 5 : maxConnectionsPerUser;
        messagesPerMinute = messagesPerMinute == null ? 100 : messagesPerMinute;
        connectionsPerIpPerHour = connectionsPerIpPerHour == null ? 10 : connectionsPerIpPerHour;
        maxMessageBytes = maxMessageBytes == null ? 65536 : maxMessageBytes;
    }
}
