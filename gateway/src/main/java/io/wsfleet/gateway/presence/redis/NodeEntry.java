package io.wsfleet.gateway.presence.redis;

/**
 * One thing a node added to presence, as a field of its entries hash: {@code "d <connection>"} for a
 * device, {@code "r <connection> <room>"} for a device in a room; the value is the user id. Connection
 * and room ids never contain spaces.
 */
record NodeEntry(String field, String connectionId, String roomId, String userId) {

    static String device(String connectionId) {
        return "d " + connectionId;
    }

    static String room(String connectionId, String roomId) {
        return "r " + connectionId + " " + roomId;
    }

    static NodeEntry parse(String field, String userId) {
        String[] parts = field.split(" ", 3);
        return parts[0].equals("d")
                ? new NodeEntry(field, parts[1], null, userId)
                : new NodeEntry(field, parts[1], parts[2], userId);
    }

    boolean isDevice() {
        return roomId == null;
    }
}
