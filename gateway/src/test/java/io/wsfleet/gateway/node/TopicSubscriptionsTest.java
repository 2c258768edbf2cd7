package io.wsfleet.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.broker.BrokerListener;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.StreamHistory;
import org.junit.jupiter.api.Test;

class TopicSubscriptionsTest {
    private static final Topic LOBBY = new Topic.Room("lobby");

    private final RecordingBroker broker = new RecordingBroker();
    private final BrokerListener listener = (topic, publication) -> { };
    private final TopicSubscriptions subscriptions = new TopicSubscriptions(broker, listener);

    @Test
    void firstAcquireSubscribesOnceWithTheListener() {
        CompletionStage<Void> first = subscriptions.acquire(LOBBY);
        CompletionStage<Void> second = subscriptions.acquire(LOBBY);

        assertThat(broker.subscribes(LOBBY)).isEqualTo(1);
        assertThat(broker.listenerOf(LOBBY)).isSameAs(listener);
        assertThat(second).as("later holders wait for the same subscription").isSameAs(first);
        assertThat(subscriptions.topicCount()).isEqualTo(1);
    }

    @Test
    void lastReleaseUnsubscribesOnce() {
        subscriptions.acquire(LOBBY);
        subscriptions.acquire(LOBBY);

        subscriptions.release(LOBBY);
        assertThat(broker.unsubscribes(LOBBY)).isZero();
        assertThat(broker.isSubscribed(LOBBY)).isTrue();

        subscriptions.release(LOBBY);
        assertThat(broker.unsubscribes(LOBBY)).isEqualTo(1);
        assertThat(broker.isSubscribed(LOBBY)).isFalse();
        assertThat(subscriptions.topicCount()).isZero();
    }

    @Test
    void releaseWithoutHoldersDoesNothing() {
        subscriptions.release(LOBBY);

        assertThat(broker.unsubscribes(LOBBY)).isZero();
        assertThat(subscriptions.topicCount()).isZero();
    }

    @Test
    void acquiringAgainAfterTheLastReleaseSubscribesAgain() {
        subscriptions.acquire(LOBBY);
        subscriptions.release(LOBBY);

        subscriptions.acquire(LOBBY);

        assertThat(broker.subscribes(LOBBY)).isEqualTo(2);
        assertThat(broker.isSubscribed(LOBBY)).isTrue();
    }

    @Test
    void topicsAreCountedIndependently() {
        Topic alice = new Topic.User("alice");
        subscriptions.acquire(LOBBY);
        subscriptions.acquire(alice);

        subscriptions.release(alice);

        assertThat(broker.isSubscribed(LOBBY)).isTrue();
        assertThat(broker.isSubscribed(alice)).isFalse();
        assertThat(subscriptions.topicCount()).isEqualTo(1);
    }

    @Test
    void concurrentAcquireAndReleaseEndSubscribedExactlyWhileHeld() throws InterruptedException {
        List<Topic> topics = IntStream.range(0, 4).mapToObj(i -> (Topic) new Topic.Room("room" + i)).toList();
        Map<Topic, AtomicInteger> held = new ConcurrentHashMap<>();
        topics.forEach(topic -> held.put(topic, new AtomicInteger()));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 2_000; i++) {
                    Topic topic = topics.get(random.nextInt(topics.size()));
                    subscriptions.acquire(topic);
                    subscriptions.release(topic);
                }
                // some threads end holding a topic
                if (random.nextBoolean()) {
                    Topic topic = topics.get(random.nextInt(topics.size()));
                    subscriptions.acquire(topic);
                    held.get(topic).incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            assertThat(thread.join(Duration.ofSeconds(60))).isTrue();
        }

        assertThat(broker.violations()).as("subscribe while subscribed, or unsubscribe while not").isZero();
        for (Topic topic : topics) {
            assertThat(broker.isSubscribed(topic)).as("%s held by %s", topic, held.get(topic)).isEqualTo(held.get(topic).get() > 0);
        }
        assertThat(subscriptions.topicCount()).isEqualTo((int) held.values().stream().filter(count -> count.get() > 0).count());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records subscribe/unsubscribe calls per topic and flags calls that do not alternate. */
    private static final class RecordingBroker implements Broker {
        private final Map<Topic, BrokerListener> listeners = new ConcurrentHashMap<>();
        private final Set<Topic> subscribed = ConcurrentHashMap.newKeySet();
        private final Map<Topic, AtomicInteger> subscribes = new ConcurrentHashMap<>();
        private final Map<Topic, AtomicInteger> unsubscribes = new ConcurrentHashMap<>();
        private final AtomicInteger violations = new AtomicInteger();

        @Override
        public CompletionStage<Void> subscribe(Topic topic, BrokerListener listener) {
            subscribes.computeIfAbsent(topic, ignored -> new AtomicInteger()).incrementAndGet();
            listeners.put(topic, listener);
            if (!subscribed.add(topic)) {
                violations.incrementAndGet();
            }
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<Void> unsubscribe(Topic topic) {
            unsubscribes.computeIfAbsent(topic, ignored -> new AtomicInteger()).incrementAndGet();
            if (!subscribed.remove(topic)) {
                violations.incrementAndGet();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> publish(Topic topic, Publication publication) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<String> publishOnce(Topic topic, Publication publication, Once once) {
            return CompletableFuture.completedFuture(once.serverMessageId());
        }

        @Override
        public StreamHistory history() {
            throw new UnsupportedOperationException("subscriptions never read history");
        }

        @Override
        public boolean healthy() {
            return true;
        }

        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public void close() {
        }

        int subscribes(Topic topic) {
            return subscribes.getOrDefault(topic, new AtomicInteger()).get();
        }

        int unsubscribes(Topic topic) {
            return unsubscribes.getOrDefault(topic, new AtomicInteger()).get();
        }

        boolean isSubscribed(Topic topic) {
            return subscribed.contains(topic);
        }

        BrokerListener listenerOf(Topic topic) {
            return listeners.get(topic);
        }

        int violations() {
            return violations.get();
        }
    }
}
