package io.wsfleet.gateway.broker;

/**
 * Receives the publications of a subscribed topic, in publish order. Called on the broker's thread:
 * it must not block (the node only queues frames on session writers).
 */
@FunctionalInterface
public interface BrokerListener {
    void onPublication(Topic topic, Publication publication);
}
