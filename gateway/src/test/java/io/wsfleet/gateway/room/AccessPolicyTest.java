package io.wsfleet.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.config.GatewayConfig.UnknownRoomPolicy;
import io.wsfleet.gateway.room.AccessPolicy.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {
    private static final RoomDirectory DIRECTORY = new MemoryRoomDirectory(List.of(
            new Room("lobby", RoomType.PUBLIC, Set.of()),
            new Room("staff", RoomType.PRIVATE, Set.of("alice", "bob"))));

    @ParameterizedTest(name = "{0} with token rooms [{1}] joins {2} under {3}: {4}")
    @CsvSource(nullValues = "-", value = {
            // public rooms admit anyone, whatever the policy for unknown rooms
            "mallory, -,           lobby,   REJECT, ALLOWED",
            "mallory, staff,       lobby,   PUBLIC, ALLOWED",
            // private rooms admit directory members and users whose token grants the room
            "alice,   -,           staff,   PUBLIC, ALLOWED",
            "bob,     -,           staff,   REJECT, ALLOWED",
            "mallory, -,           staff,   PUBLIC, FORBIDDEN",
            "mallory, lobby other, staff,   PUBLIC, FORBIDDEN",
            "mallory, staff,       staff,   REJECT, ALLOWED",
            // rooms the directory does not know follow the policy, unless the token grants them
            "mallory, -,           unknown, PUBLIC, ALLOWED",
            "mallory, -,           unknown, REJECT, NOT_FOUND",
            "alice,   staff,       unknown, REJECT, NOT_FOUND",
            "mallory, unknown,     unknown, REJECT, ALLOWED"
    })
    void decidesAccess(String userId, String tokenRooms, String roomId, UnknownRoomPolicy policy, Access expected) {
        Principal principal = new Principal(userId, tokenRooms == null ? Set.of() : Set.of(tokenRooms.split(" ")));

        assertThat(new AccessPolicy(DIRECTORY, policy).check(principal, roomId)).isEqualTo(expected);
    }
}
