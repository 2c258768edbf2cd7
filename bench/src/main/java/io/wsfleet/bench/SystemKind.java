package io.wsfleet.bench;

/** The systems measured side by side. */
public enum SystemKind {
    GATEWAY("wsfleet gateway (Redis broker)"),
    SOCKETIO("Socket.IO 4 (sharded Redis adapter)"),
    REDIS("raw Redis pub/sub");

    private final String label;

    SystemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
