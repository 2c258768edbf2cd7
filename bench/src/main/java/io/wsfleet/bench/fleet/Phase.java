package io.wsfleet.bench.fleet;

/** The parts of a fleet simulation, in the order they run; a message's phase is the one it was published in. */
public enum Phase {
    CONNECTING("connecting"),
    /** The stream runs before anything is measured against it: the gateways' JIT compilers warm up. */
    WARM_UP("warm-up"),
    STEADY("steady"),
    ROLLING_RESTART("rolling restart"),
    SCALE_DOWN("scale-down"),
    SCALE_UP("scale-up"),
    SIGKILL("SIGKILL");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
