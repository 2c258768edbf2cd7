package io.wsfleet.gateway.session;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every session's writer shares: the outbound bound, the executor its drain tasks run on
 * (virtual threads), the scheduler that drops sockets whose close frame was never read, and the
 * meters it reports to.
 */
public record SessionSettings(int outboundQueueBytes,
                              Duration closeGrace,
                              Executor drainExecutor,
                              ScheduledExecutorService scheduler,
                              SessionMeters meters) {
}
