package io.wsfleet.gateway.broker.redis;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.room.Room;

/**
 * Which rooms' messages cross Redis as Fernet tokens, and the key. Anyone who can read Redis traffic
 * (a shared Redis, {@code MONITOR}, a network tap) sees only ciphertext for those rooms; gateways
 * decrypt before delivery, so clients and the gateways' memory see plaintext.
 */
public final class RoomEncryption {
    /** Marks an encrypted Redis message; the publication headers never start with it. */
    static final char MARK = 'F';

    private final Optional<Fernet> fernet;
    private final AtomicReference<Set<String>> rooms = new AtomicReference<>(Set.of());

    public RoomEncryption(Optional<String> key, Collection<Room> seed) {
        this.fernet = key.map(Fernet::new);
        update(seed);
    }

    /** Takes the encrypted rooms from the (re)loaded seed; refuses them without a key. */
    public void update(Collection<Room> seed) {
        Set<String> encrypted = seed.stream().filter(Room::encrypted).map(Room::id).collect(Collectors.toUnmodifiableSet());
        if (!encrypted.isEmpty() && fernet.isEmpty()) {
            throw new ConfigException("rooms.encryption-key", "rooms " + encrypted + " are marked encrypted: set the key");
        }
        rooms.set(encrypted);
    }

    byte[] seal(Topic topic, byte[] message) {
        if (topic instanceof Topic.Room room && rooms.get().contains(room.roomId())) {
            return (MARK + fernet.orElseThrow().encrypt(message)).getBytes(StandardCharsets.US_ASCII);
        }
        return message;
    }

    /** The publication in {@code message} from {@code from} on: those very bytes, or the plaintext of a sealed one. */
    Opened open(byte[] message, int from) {
        if (from >= message.length || message[from] != MARK) {
            return new Opened(message, from);
        }
        Fernet key = fernet.orElseThrow(() -> new IllegalArgumentException("an encrypted message arrived without a key"));
        String token = new String(message, from + 1, message.length - from - 1, StandardCharsets.US_ASCII);
        return new Opened(key.decrypt(token), 0);
    }

    /** A publication's bytes, from {@code from} to the end of {@code message}. */
    record Opened(byte[] message, int from) {
    }
}
