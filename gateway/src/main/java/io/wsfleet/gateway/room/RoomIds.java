package io.wsfleet.gateway.room;

import java.util.regex.Pattern;

/**
 * The shape of a room id: 1 to 128 characters of letters, digits and {@code _ - . : @}. Room ids
 * become broker topic names and log fields, so anything else is refused at the door.
 */
public final class RoomIds {
    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:@-]{1," + MAX_LENGTH + "}");

    private RoomIds() {
    }

    public static boolean valid(String roomId) {
        return roomId != null && VALID.matcher(roomId).matches();
    }
}
