package io.wsfleet.gateway.it;

import java.util.Map;

/** De-duplication of client message ids on one gateway with the in-memory broker. */
class DuplicateMessagesIT extends DuplicateMessagesContract {
    @Override
    protected Map<String, String> redisEnvironment() {
        return Map.of();
    }
}
