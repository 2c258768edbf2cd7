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
        NodeLoad self = ready("a", 130);
        // mean 100, bound 110, nobody below 90: 20 too many, at most 10 in one round.
        List<NodeLoad> fleet = List.of(self, ready("b", 90), ready("c", 90), ready("d", 90));
        assertThat(ShedDecision.connectionsToShed(self, fleet, MARGIN, 10)).isEqualTo(10);
        assertThat(ShedDecision.connectionsToShed(self, fleet, MARGIN, MOST)).isEqualTo(20);
    }

    @Test
    void aGatewayBesideAnEmptyOneShedsDownToTheMean() {
        NodeLoad self = ready("a", 200);
        assertThat(ShedDecision.connectionsToShed(self, List.of(self, ready("b", 0)), MARGIN, MOST)).isEqualTo(50);
        assertThat(ShedDecision.connectionsToShed(self, List.of(self, ready("b", 0)), MARGIN, 500)).isEqualTo(100);
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
    void aScaleUpFromTwoToFourShedsBothOldGatewaysDownToTheMean() {
        NodeLoad a = ready("a", 3000);
        NodeLoad b = ready("b", 3000);
        List<NodeLoad> fleet = List.of(a, b, ready("c", 0), ready("d", 0));
        // mean 1500: the new gateways are below it by more than the margin, so the old ones shed to the mean.
        assertThat(ShedDecision.connectionsToShed(a, fleet, MARGIN, 5000)).isEqualTo(1500);
        assertThat(ShedDecision.connectionsToShed(b, fleet, MARGIN, 5000)).isEqualTo(1500);
    }

    @Test
    void aGatewayLeftBelowTheMarginIsFilledByEveryGatewayAboveTheMean() {
        // What a scale-up left: 60 connections, mean 15, every full gateway inside the upper bound (17), one at 9.
        List<NodeLoad> fleet = List.of(ready("a", 17), ready("b", 17), ready("c", 17), ready("d", 9));
        assertThat(fleet.subList(0, 3)).allSatisfy(full ->
                assertThat(ShedDecision.connectionsToShed(full, fleet, MARGIN, MOST)).isEqualTo(2));
        assertThat(ShedDecision.connectionsToShed(fleet.get(3), fleet, MARGIN, MOST)).isZero();
        // Once it is within the margin (14 of at least 13), the full ones keep what the upper bound allows.
        List<NodeLoad> even = List.of(ready("a", 17), ready("b", 16), ready("c", 13), ready("d", 14));
        assertThat(even).allSatisfy(load ->
                assertThat(ShedDecision.connectionsToShed(load, even, MARGIN, MOST)).isZero());
    }
}
