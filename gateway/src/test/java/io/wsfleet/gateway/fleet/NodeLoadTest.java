package io.wsfleet.gateway.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeLoadTest {

    @Test
    void aLoadReadsBackAsItWasWritten() {
        NodeLoad load = new NodeLoad("n1", 1234, false, true);
        assertThat(NodeLoad.parse("n1", load.encode())).contains(load);
    }

    @Test
    void aValueThatCannotBeReadIsLeftOut() {
        assertThat(NodeLoad.parse("n1", "")).isEmpty();
        assertThat(NodeLoad.parse("n1", "many 1 0")).isEmpty();
        assertThat(NodeLoad.parse("n1", "12 1")).isEmpty();
    }
}
