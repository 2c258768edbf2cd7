package io.wsfleet.gateway.presence;

import org.junit.jupiter.api.BeforeEach;

class MemoryPresenceTest extends PresenceStoreContract {

    @BeforeEach
    void newStore() {
        presence = new MemoryPresence();
    }
}
