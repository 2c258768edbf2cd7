package io.wsfleet.bench.scenario;

import java.time.Duration;

/**
 * The shape of a fan-out run: connections in rooms of {@code roomSize}, messages of
 * {@code messageBytes}, an offered rate that starts at {@code startDeliveriesPerSecond} and grows by
 * {@code growth} each step of {@code step}, at most {@code maxSteps} steps.
 */
public record LoadShape(int connections, int roomSize, int messageBytes, Duration step,
                        double startDeliveriesPerSecond, double growth, int maxSteps) {

    public LoadShape {
        if (connections % roomSize != 0) {
            throw new IllegalArgumentException("connections must be a multiple of the room size");
        }
    }

    public LoadShape withConnections(int count) {
        return new LoadShape(count, roomSize, messageBytes, step, startDeliveriesPerSecond, growth, maxSteps);
    }

    public LoadShape withRoomSize(int size) {
        return new LoadShape(connections, size, messageBytes, step, startDeliveriesPerSecond, growth, maxSteps);
    }

    public LoadShape withStartRate(double deliveriesPerSecond) {
        return new LoadShape(connections, roomSize, messageBytes, step, deliveriesPerSecond, growth, maxSteps);
    }
}
