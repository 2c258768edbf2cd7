package io.wsfleet.bench.scenario;

import java.util.List;
import java.util.Map;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.proc.Servers;

/**
 * What keeping history costs the gateway: the same fixed offered load on a gateway that keeps every
 * room's messages (the default, {@code HISTORY_SIZE=1000}) and on one that keeps none
 * ({@code HISTORY_SIZE=0}), several runs each, alternating.
 */
public final class HistoryCost {
    public static final String KEPT = "kept";
    public static final String NOT_KEPT = "not kept";
    static final List<FixedLoad.Variant> VARIANTS = List.of(
            new FixedLoad.Variant(KEPT, SystemKind.GATEWAY, Map.of("HISTORY_SIZE", "1000", "HISTORY_TTL_SECONDS", "300")),
            new FixedLoad.Variant(NOT_KEPT, SystemKind.GATEWAY, Map.of("HISTORY_SIZE", "0")));

    private HistoryCost() {
    }

    public static FixedLoad.Result measure(LoadShape shape, FixedLoad.Plan plan, Servers servers, LoadClient client) {
        return FixedLoad.measure(shape, plan, VARIANTS, servers, client);
    }
}
