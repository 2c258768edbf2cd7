package io.wsfleet.gateway.it;

import java.util.Map;

/** History and recovery on one gateway with the in-memory broker. */
class RecoveryIT extends RecoveryContract {
    @Override
    protected Map<String, String> redisEnvironment() {
        return Map.of();
    }
}
