package io.wsfleet.gateway.broker.memory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.broker.BrokerListener;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.StreamHistory;

/**
 * The embedded broker of a single gateway: a publication is handed to the topic's listener on the
 * publisher's thread. Delivery of one topic is serialised by a lock per subscription, so that every
 * member sees a room's messages in the same (publish) order even with concurrent publishers. Kept
 * publications go through the topic's ring in {@link MemoryStreams} first, which assigns the offset
 * and delivers in offset order.
 */
public final class MemoryBroker implements Broker {
    private final Map<Topic, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final RecentMessageIds recent = new RecentMessageIds(System::nanoTime);
    private final MemoryStreams streams = new MemoryStreams(System::currentTimeMillis);

    @Override
    public CompletionStage<Void> publish(Topic topic, Publication publication) {
        if (publication.retention().kept()) {
            streams.append(topic, publication, kept -> deliver(topic, kept));
        } else {
            deliver(topic, publication);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void deliver(Topic topic, Publication publication) {
        Subscription subscription = subscriptions.get(topic);
        if (subscription != null) {
            subscription.deliver(topic, publication);
        }
    }

    @Override
    public StreamHistory history() {
        return streams;
    }

    @Override
    public CompletionStage<String> publishOnce(Topic topic, Publication publication, Once once) {
        String counted = recent.claim(topic, once);
        if (counted.equals(once.serverMessageId())) {
            publish(topic, publication);
        }
        return CompletableFuture.completedFuture(counted);
    }

    @Override
    public CompletionStage<Void> subscribe(Topic topic, BrokerListener listener) {
        subscriptions.put(topic, new Subscription(listener));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> unsubscribe(Topic topic) {
        subscriptions.remove(topic);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public void close() {
        subscriptions.clear();
    }

    private record Subscription(BrokerListener listener) {
        void deliver(Topic topic, Publication publication) {
            synchronized (this) {
                listener.onPublication(topic, publication);
            }
        }
    }
}
