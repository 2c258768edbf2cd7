package io.wsfleet.gateway.ws;

import java.util.List;

import io.wsfleet.gateway.http.IpRange;
import io.wsfleet.gateway.limits.LiveLimits;

/** What the upgrade gate enforces besides the token: limits, the missing-Origin policy, trusted proxies. */
public record UpgradeRules(LiveLimits limits, boolean allowMissingOrigin, List<IpRange> trustedProxies) {

    public UpgradeRules {
        trustedProxies = List.copyOf(trustedProxies);
    }
}
