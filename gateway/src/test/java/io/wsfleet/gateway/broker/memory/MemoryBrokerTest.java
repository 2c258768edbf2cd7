package io.wsfleet.gateway.broker.memory;

import io.wsfleet.gateway.protocol.MessageType;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsfleet.gateway.broker.BrokerListener;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.protocol.OutboundFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryBrokerTest {
    private static final Topic LOBBY = new Topic.Room("lobby");

    private final MemoryBroker broker = new MemoryBroker();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final BrokerListener recorder = (topic, publication) -> received.add(topic + " " + publication.frame().text());

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void publicationWithoutSubscriberGoesNowhere() {
        broker.subscribe(new Topic.Room("staff"), recorder);

        assertThat(broker.publish(LOBBY, publication("hello")).toCompletableFuture()).isCompleted();
        assertThat(received).isEmpty();
    }

    @Test
    void subscribedListenerReceivesTheTopicsPublications() {
        broker.subscribe(LOBBY, recorder);
        Publication publication = publication("hello");
        List<Publication> seen = new CopyOnWriteArrayList<>();
        broker.subscribe(Topic.BROADCAST, (topic, p) -> seen.add(p));

        broker.publish(LOBBY, publication("one"));
        broker.publish(LOBBY, publication("two"));
        broker.publish(Topic.BROADCAST, publication);

        assertThat(received).containsExactly(LOBBY + " one", LOBBY + " two");
        assertThat(seen).containsExactly(publication);
    }

    @Test
    void topicsOfDifferentKindsWithTheSameNameAreDistinct() {
        broker.subscribe(new Topic.User("lobby"), recorder);

        broker.publish(LOBBY, publication("for the room"));

        assertThat(received).isEmpty();
    }

    @Test
    void nothingIsDeliveredAfterUnsubscribe() {
        broker.subscribe(LOBBY, recorder);
        broker.publish(LOBBY, publication("before"));

        assertThat(broker.unsubscribe(LOBBY).toCompletableFuture()).isCompleted();
        broker.publish(LOBBY, publication("after"));

        assertThat(received).containsExactly(LOBBY + " before");
    }

    @Test
    void aNewSubscriptionReplacesTheTopicsListener() {
        List<String> replaced = new CopyOnWriteArrayList<>();
        broker.subscribe(LOBBY, (topic, publication) -> replaced.add(publication.frame().text()));
        broker.subscribe(LOBBY, recorder);

        broker.publish(LOBBY, publication("hello"));

        assertThat(replaced).isEmpty();
        assertThat(received).containsExactly(LOBBY + " hello");
    }

    @Test
    void concurrentPublishersToOneTopicAreDeliveredOneAtATime() throws InterruptedException {
        int publishers = 8;
        int perPublisher = 500;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        broker.subscribe(LOBBY, (topic, publication) -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.yield(); // widen the window in which a second publisher could enter
            delivered.incrementAndGet();
            inside.decrementAndGet();
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            threads.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perPublisher; i++) {
                    broker.publish(LOBBY, publication("m"));
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            assertThat(thread.join(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(overlaps).hasValue(0);
        assertThat(delivered).hasValue(publishers * perPublisher);
    }

    @Test
    void reportsItselfAsAHealthyMemoryBroker() {
        assertThat(broker.healthy()).isTrue();
        assertThat(broker.kind()).isEqualTo("memory");
    }

    private static Publication publication(String text) {
        return Publication.toAll(OutboundFrame.of(text, MessageType.NOTIFICATION, 0));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
