package io.wsfleet.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"lobby", "a", "7", "Room_42", "team-a.dev:ops@eu", "user:alice@example.com", "-", "..."})
    void acceptsLettersDigitsAndSeparators(String roomId) {
        assertThat(RoomIds.valid(roomId)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "with space", " lobby", "lobby ", "a/b", "a*", "#general", "a\nb", "lobby\n", "tab\there",
            "caf\u00e9", "\u65e5\u672c", "emoji\uD83D\uDE00", "a,b", "{room}", "a\u0000b"})
    void refusesAnythingElse(String roomId) {
        assertThat(RoomIds.valid(roomId)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, RoomIds.MAX_LENGTH})
    void acceptsLengthsWithinTheBound(int length) {
        assertThat(RoomIds.valid("r".repeat(length))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {RoomIds.MAX_LENGTH + 1, 10_000})
    void refusesLongerIds(int length) {
        assertThat(RoomIds.valid("r".repeat(length))).isFalse();
    }
}
