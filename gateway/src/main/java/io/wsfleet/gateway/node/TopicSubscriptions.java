package io.wsfleet.gateway.node;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.broker.BrokerListener;
import io.wsfleet.gateway.broker.Topic;

/**
 * Reference-counted broker subscriptions: the first local holder of a topic subscribes, the last one
 * unsubscribes. Both decisions are made inside one atomic map update per topic, so a join racing a
 * leave can never end with members and no subscription, or a subscription and no members.
 */
final class TopicSubscriptions {
    private final Broker broker;
    private final BrokerListener listener;
    private final Map<Topic, Holders> holders = new ConcurrentHashMap<>();

    private record Holders(int count, CompletionStage<Void> subscribed) {
    }

    TopicSubscriptions(Broker broker, BrokerListener listener) {
        this.broker = broker;
        this.listener = listener;
    }

    /** Adds a holder; the stage completes once the node is subscribed to the topic. */
    CompletionStage<Void> acquire(Topic topic) {
        return holders.compute(topic, (key, current) -> current == null
                ? new Holders(1, broker.subscribe(key, listener))
                : new Holders(current.count() + 1, current.subscribed())).subscribed();
    }

    /** Completes once the node is subscribed to a held topic (at once for a topic nobody holds). */
    CompletionStage<Void> subscribed(Topic topic) {
        Holders current = holders.get(topic);
        return current == null ? CompletableFuture.completedFuture(null) : current.subscribed();
    }

    void release(Topic topic) {
        holders.computeIfPresent(topic, (key, current) -> {
            if (current.count() > 1) {
                return new Holders(current.count() - 1, current.subscribed());
            }
            broker.unsubscribe(key);
            return null;
        });
    }

    /** Subscribes again to every held topic: after a broker outage, nothing is assumed to have survived. */
    void renewAll() {
        // Per topic inside compute, so that a release racing the renewal cannot leave a subscription behind.
        holders.keySet().forEach(topic -> holders.computeIfPresent(topic, (key, current) -> {
            broker.subscribe(key, listener);
            return current;
        }));
    }

    int topicCount() {
        return holders.size();
    }
}
