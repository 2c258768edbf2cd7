package io.wsfleet.gateway.observe;

import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.wsfleet.gateway.config.GatewayConfig;

/**
 * Applies the logging settings: the format of every line (at start, process-wide), and the level of
 * the gateway's own loggers, which follows the watched configuration file.
 */
public final class LogSettings {
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger GATEWAY = Logger.getLogger("io.wsfleet");

    private final Level configured;

    /** Remembers the level {@code logging.properties} set, for when the setting is removed again. */
    public LogSettings() {
        this.configured = GATEWAY.getLevel();
    }

    /** JSON lines on every handler of the root logger; text leaves {@code logging.properties} in charge. */
    public static void useFormat(GatewayConfig.LogFormat format) {
        if (format == GatewayConfig.LogFormat.JSON) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.setFormatter(new JsonLogFormatter());
            }
        }
    }

    public void applyLevel(Optional<GatewayConfig.LogLevel> level) {
        GATEWAY.setLevel(level.map(LogSettings::julLevel).orElse(configured));
    }

    private static Level julLevel(GatewayConfig.LogLevel level) {
        return switch (level) {
            case ERROR -> Level.SEVERE;
            case WARNING -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
        };
    }
}
