package io.wsfleet.gateway.ws;

import java.util.List;

import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.http.IpRange;
import io.wsfleet.gateway.limits.RateLimits;

/** What the upgrade gate enforces besides the token: limits and origins in force, trusted proxies. */
public record UpgradeRules(Live<RateLimits> limits, Live<GatewayConfig.Origins> origins, List<IpRange> trustedProxies) {

    public UpgradeRules {
        trustedProxies = List.copyOf(trustedProxies);
    }
}
