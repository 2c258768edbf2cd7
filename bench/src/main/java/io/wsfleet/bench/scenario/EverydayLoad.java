package io.wsfleet.bench.scenario;

import java.util.List;
import java.util.Map;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.proc.Servers;

/**
 * Where most fleets run: far below capacity. Every system gets the same fixed offered load (by default
 * 1,000 connections in rooms of 100 and 200 room messages a second, 20,000 deliveries a second), several
 * runs each, and the figure is what a delivered frame costs the servers in CPU. At this load no system
 * batches much, so it shows the fixed cost of a delivery rather than how well a system amortises it.
 */
public final class EverydayLoad {
    /** Everyday load's connections: ten rooms of 100. */
    public static final int CONNECTIONS = 1_000;

    private EverydayLoad() {
    }

    public static FixedLoad.Result measure(List<SystemKind> systems, LoadShape shape, FixedLoad.Plan plan, Servers servers,
                                           LoadClient client) {
        return FixedLoad.measure(shape, plan, variants(systems), servers, client);
    }

    /** One variant per system, labelled with its name, each in its production configuration. */
    public static List<FixedLoad.Variant> variants(List<SystemKind> systems) {
        return systems.stream().map(system -> new FixedLoad.Variant(system.label(), system, Map.of())).toList();
    }
}
