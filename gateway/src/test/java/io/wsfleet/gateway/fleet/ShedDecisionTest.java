package io.wsfleet.gateway.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShedDecisionTest {
    private static final int MARGIN = 10;
    private static final int MOST = 50;

    private static NodeLoad ready(String node, int connections) {
        return new NodeLoad(node, connections, true, false);
    }

    @Test
    void aGatewayAboveTheMeanByMoreThanTheMarginShedsDownToIt() {
        NodeLoad self = ready("a", 200);
        // mean 100, bound 110: 90 too many, at most 50 in one round.
        assertThat(ShedDecision.connectionsToShed(self, List.of(self, ready("b", 0)), MARGIN, MOST)).isEqualTo(50);
        assertThat(ShedDecision.connectionsToShed(self, List.of(self, ready("b", 0)), MARGIN, 500)).isEqualTo(90);
    }

    @Test
    void aGatewayWithinTheMarginOrBelowTheMeanShedsNothing() {
        NodeLoad within = ready("a", 110);
        NodeLoad below = ready("b", 90);
        assertThat(ShedDecision.connectionsToShed(within, List.of(within, below), MARGIN, MOST)).isZero();
        assertThat(ShedDecision.connectionsToShed(below, List.of(within, below), MARGIN, MOST)).isZero();
    }

    @Test
    void oneConnectionAboveAnEvenSplitIsNotShedBackAndForth() {
        NodeLoad self = ready("a", 2);
        assertThat(ShedDecision.connectionsToShed(self, List.of(self, ready("b", 1)), MARGIN, MOST)).isZero();
        NodeLoad three = ready("a", 3);
        assertThat(ShedDecision.connectionsToShed(three, List.of(three, ready("b", 0)), MARGIN, MOST)).isOne();
    }

    @Test
    void nothingIsShedWhileAnotherGatewayDrainsOrIsNotReady() {
        NodeLoad self = ready("a", 200);
        assertThat(ShedDecision.connectionsToShed(self, List.of(self, new NodeLoad("b", 0, false, true)), MARGIN, MOST))
                .isZero();
        assertThat(ShedDecision.connectionsToShed(self, List.of(self, new NodeLoad("b", 0, false, false)), MARGIN, MOST))
                .isZero();
        assertThat(ShedDecision.connectionsToShed(self,
                List.of(self, ready("b", 0), new NodeLoad("c", 0, true, true)), MARGIN, MOST)).isZero();
    }

    @Test
    void aGatewayAloneOrMissingFromTheFleetShedsNothing() {
        NodeLoad self = ready("a", 200);
        assertThat(ShedDecision.connectionsToShed(self, List.of(self), MARGIN, MOST)).isZero();
        assertThat(ShedDecision.connectionsToShed(self, List.of(ready("b", 0), ready("c", 0)), MARGIN, MOST)).isZero();
    }

    @Test
    void aScaleUpFromTwoToFourShedsFromBothOldGateways() {
        NodeLoad a = ready("a", 3000);
        NodeLoad b = ready("b", 3000);
        List<NodeLoad> fleet = List.of(a, b, ready("c", 0), ready("d", 0));
        // mean 1500, bound 1650.
        assertThat(ShedDecision.connectionsToShed(a, fleet, MARGIN, 5000)).isEqualTo(1350);
        assertThat(ShedDecision.connectionsToShed(b, fleet, MARGIN, 5000)).isEqualTo(1350);
    }
}
