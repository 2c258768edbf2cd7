package io.wsfleet.gateway.observe;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.broker.BrokerListener;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.StreamHistory;

/**
 * Any broker, measured: how long a publish takes to be accepted (a Redis round trip, or the local
 * hand-over in memory), how many fail, and how many topics this gateway is subscribed to.
 */
public final class MeteredBroker implements Broker {
    private final Broker broker;
    private final Timer publishLatency;
    private final Counter publishFailures;
    private final AtomicInteger subscriptions = new AtomicInteger();

    public MeteredBroker(Broker broker, MeterRegistry registry) {
        this.broker = broker;
        this.publishLatency = Timer.builder("wsfleet.broker.publish.latency")
                .description("Time until the broker accepted a publication (a Redis round trip with Redis)")
                .tag("broker", broker.kind())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        this.publishFailures = Counter.builder("wsfleet.broker.publish.failures")
                .description("Publications the broker refused or timed out (Redis unreachable)")
                .tag("broker", broker.kind())
                .register(registry);
        Gauge.builder("wsfleet.broker.subscriptions", subscriptions, AtomicInteger::get)
                .description("Topics (rooms, users, broadcast) this gateway is subscribed to")
                .tag("broker", broker.kind())
                .register(registry);
    }

    @Override
    public CompletionStage<Void> publish(Topic topic, Publication publication) {
        Timer.Sample sample = Timer.start();
        return measured(broker.publish(topic, publication), sample);
    }

    /** Measured as a publish: with Redis it is one round trip too (check, remember and publish in one script). */
    @Override
    public CompletionStage<String> publishOnce(Topic topic, Publication publication, Once once) {
        Timer.Sample sample = Timer.start();
        return measured(broker.publishOnce(topic, publication, once), sample);
    }

    private <T> CompletionStage<T> measured(CompletionStage<T> publication, Timer.Sample sample) {
        return publication.whenComplete((done, failure) -> {
            if (failure != null) {
                publishFailures.increment();
            } else {
                sample.stop(publishLatency);
            }
        });
    }

    /** Counted when asked for: the broker keeps retrying a subscription that failed while the topic is held. */
    @Override
    public CompletionStage<Void> subscribe(Topic topic, BrokerListener listener) {
        subscriptions.incrementAndGet();
        return broker.subscribe(topic, listener);
    }

    @Override
    public CompletionStage<Void> unsubscribe(Topic topic) {
        subscriptions.decrementAndGet();
        return broker.unsubscribe(topic);
    }

    @Override
    public StreamHistory history() {
        return broker.history();
    }

    @Override
    public boolean healthy() {
        return broker.healthy();
    }

    @Override
    public String kind() {
        return broker.kind();
    }

    @Override
    public void close() {
        broker.close();
    }
}
