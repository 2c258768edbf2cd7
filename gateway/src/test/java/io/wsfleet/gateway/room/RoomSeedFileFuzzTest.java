package io.wsfleet.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.support.FuzzFiles;
import io.wsfleet.gateway.support.FuzzInvariant;

/**
 * The room seed file (ROOMS_FILE, or the operator's ConfigMap): it yields rooms with valid, distinct
 * ids, or is refused with the gateway's {@link ConfigException} for {@code rooms.seed-file}.
 */
class RoomSeedFileFuzzTest {
    private static final Path FILE = FuzzFiles.temporary("wsfleet-rooms");

    @DictionaryEntries({"rooms:", "  - id: ", "    type: ", "private", "public", "    members: [", "]",
            "    encrypted: ", "true", "{", "}", "- ", "&a ", "*a", "~", "null"})
    @FuzzTest
    void aFileYieldsValidRoomsOrIsRefused(byte[] input) throws IOException {
        Files.write(FILE, input);
        AtomicReference<List<Room>> rooms = new AtomicReference<>();
        FuzzInvariant.check(input.length, () -> rooms.set(RoomSeedFile.read(FILE)), ConfigException.class)
                .ifPresent(refusal -> assertThat(refusal.getMessage()).contains("rooms.seed-file"));
        if (rooms.get() != null) {
            assertThat(rooms.get()).allSatisfy(room -> assertThat(RoomIds.valid(room.id())).isTrue());
            assertThat(rooms.get()).extracting(Room::id).doesNotHaveDuplicates();
            assertThat(rooms.get()).allSatisfy(room -> assertThat(room.members()).doesNotContainNull());
        }
    }
}
