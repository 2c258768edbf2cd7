package io.wsfleet.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.wsfleet.gateway.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoomSeedFileTest {

    @TempDir
    Path dir;

    @Test
    void readsRoomsInFileOrder() throws IOException {
        Path file = write("""
                rooms:
                  - id: lobby
                    type: public
                  - id: staff
                    type: PRIVATE
                    members: [alice, bob]
                  - id: "team:ops@eu"
                """);

        assertThat(RoomSeedFile.read(file)).containsExactly(
                new Room("lobby", RoomType.PUBLIC, Set.of()),
                new Room("staff", RoomType.PRIVATE, Set.of("alice", "bob")),
                new Room("team:ops@eu", RoomType.PUBLIC, Set.of()));
    }

    @Test
    void aRoomMaySetItsOwnHistorySizeAndRetentionEitherOrBoth() throws IOException {
        Path file = write("""
                rooms:
                  - id: support
                    history:
                      size: 200
                      ttl-seconds: 3600
                  - id: firehose
                    history:
                      size: 0
                  - id: lobby
                """);

        List<Room> rooms = RoomSeedFile.read(file);

        assertThat(rooms.get(0).history()).isEqualTo(new RoomHistory(Optional.of(200), Optional.of(Duration.ofHours(1))));
        assertThat(rooms.get(1).history()).isEqualTo(new RoomHistory(Optional.of(0), Optional.empty()));
        assertThat(rooms.get(2).history()).isEqualTo(RoomHistory.DEFAULTS);
    }

    @Test
    void fileWithoutRoomsIsAnEmptyDirectory() throws IOException {
        assertThat(RoomSeedFile.read(write("other: 1\n"))).isEmpty();
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("duplicate id", """
                        rooms:
                          - id: lobby
                          - id: staff
                            type: private
                          - id: lobby
                            type: private
                        """, "lobby"),
                Arguments.of("unknown type", """
                        rooms:
                          - id: lobby
                            type: secret
                        """, "secret"),
                Arguments.of("invalid id", """
                        rooms:
                          - id: "has space"
                        """, "has space"),
                Arguments.of("missing id", """
                        rooms:
                          - type: private
                            members: [alice]
                        """, "no id"),
                Arguments.of("negative history size", """
                        rooms:
                          - id: lobby
                            history:
                              size: -1
                        """, "history.size -1"),
                Arguments.of("zero history retention", """
                        rooms:
                          - id: lobby
                            history:
                              ttl-seconds: 0
                        """, "history.ttl-seconds 0"),
                Arguments.of("a key with an empty segment", """
                        rooms:
                          - id: lobby
                        java.: maybe
                        """, "YAML"),
                Arguments.of("malformed YAML", """
                        rooms:
                          - id: [lobby
                        """, "YAML"),
                // Found by RoomSeedFileFuzzTest: values of the wrong shape escaped as Helidon's mapping errors.
                Arguments.of("members not strings", """
                        rooms:
                          - id: staff
                            type: private
                            members: [[alice, bob], {c: d}]
                        """, "staff"),
                Arguments.of("id not a string", """
                        rooms:
                          - id: [lobby, hall]
                        """, "id"),
                Arguments.of("rooms not a list", """
                        rooms: lobby
                        """, "list"),
                Arguments.of("encrypted not a boolean", """
                        rooms:
                          - id: lobby
                            encrypted: maybe
                        """, "lobby"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidFileFailsNamingTheSeedFileKey(String name, String yaml, String detail) throws IOException {
        Path file = write(yaml);

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> RoomSeedFile.read(file));

        assertThat(error).as(name).isNotNull();
        assertThat(error.key()).isEqualTo("rooms.seed-file");
        assertThat(error.getMessage()).contains("rooms.seed-file", "ROOMS_FILE", file.toString(), detail);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "rooms", ".yaml"), yaml);
    }
}
