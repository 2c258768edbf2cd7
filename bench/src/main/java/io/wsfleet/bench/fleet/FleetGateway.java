package io.wsfleet.bench.fleet;

import io.wsfleet.bench.proc.ServerProcess;

/** One gateway of the fleet: its name in the report, its load balancer slot, its process and admin port. */
record FleetGateway(String name, int slot, ServerProcess process, AdminPort admin) {
}
