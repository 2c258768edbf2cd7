package io.wsfleet.gateway.room;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;

/**
 * Reads the room directory seed, a YAML file of the form:
 * <pre>
 * rooms:
 *   - id: lobby
 *     type: public
 *   - id: staff
 *     type: private
 *     members: [alice, bob]
 *     encrypted: true        # its messages cross Redis as Fernet tokens (needs MESSAGE_ENCRYPTION_KEY)
 *     history:               # overrides history.size / history.ttl-seconds for this room
 *       size: 200            # 0: the room keeps no history
 *       ttl-seconds: 60
 * </pre>
 */
public final class RoomSeedFile {
    private static final String KEY = "rooms.seed-file";

    private RoomSeedFile() {
    }

    public static List<Room> read(Path file) {
        Config root;
        try {
            root = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .addSource(ConfigSources.file(file))
                    .build();
        } catch (ConfigException | IllegalStateException e) {
            // Helidon fails to merge keys with empty segments ("java.:") with an IllegalStateException (found by fuzzing).
            throw invalid(file, "not valid YAML: " + e.getMessage());
        }
        List<Room> rooms = new ArrayList<>();
        var ids = new HashSet<String>();
        List<Config> entries;
        try {
            entries = root.get("rooms").asNodeList().orElse(List.of());
        } catch (ConfigException | IllegalStateException e) {
            throw invalid(file, "rooms must be a list of rooms");
        }
        for (Config entry : entries) {
            Room room = room(file, entry);
            if (!ids.add(room.id())) {
                throw invalid(file, "room '" + room.id() + "' is listed twice");
            }
            rooms.add(room);
        }
        return rooms;
    }

    private static Room room(Path file, Config entry) {
        String id = entry.get("id").asString().orElseThrow(() -> invalid(file, "entry " + entry.name() + " has no id"));
        if (!RoomIds.valid(id)) {
            throw invalid(file, "room id '" + id + "' is not a valid room id");
        }
        String type = entry.get("type").asString().orElse("public");
        RoomType roomType;
        try {
            roomType = RoomType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(file, "room '" + id + "' has type '" + type + "'; expected public or private");
        }
        List<String> members;
        try {
            members = entry.get("members").asList(String.class).orElse(List.of());
        } catch (ConfigException e) {
            throw invalid(file, "room '" + id + "' has members that are not a list of user ids");
        }
        // Read as text: Helidon's boolean mapping takes anything but "true" for false, and a typo must not
        // leave a room unencrypted without a word.
        String encrypted = entry.get("encrypted").asString().orElse("false");
        if (!encrypted.equalsIgnoreCase("true") && !encrypted.equalsIgnoreCase("false")) {
            throw invalid(file, "room '" + id + "' has encrypted '" + encrypted + "'; expected true or false");
        }
        return new Room(id, roomType, new HashSet<>(members), Boolean.parseBoolean(encrypted),
                history(file, id, entry.get("history")));
    }

    private static RoomHistory history(Path file, String id, Config history) {
        Optional<Integer> size = wholeNumber(file, id, history.get("size"), "history.size", 0);
        Optional<Integer> ttl = wholeNumber(file, id, history.get("ttl-seconds"), "history.ttl-seconds", 1);
        return new RoomHistory(size, ttl.map(Duration::ofSeconds));
    }

    /** An optional whole number of at least {@code min}; read as text, so that any other value is refused by name. */
    private static Optional<Integer> wholeNumber(Path file, String id, Config value, String key, int min) {
        Optional<String> text = value.asString().asOptional();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(text.get().trim());
            if (number >= min) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // refused below, with the value
        }
        throw invalid(file, "room '" + id + "' has " + key + " " + text.get() + "; expected a whole number of "
                + min + " or more");
    }

    private static io.wsfleet.gateway.config.ConfigException invalid(Path file, String message) {
        return new io.wsfleet.gateway.config.ConfigException(KEY, "'" + file + "': " + message);
    }
}
