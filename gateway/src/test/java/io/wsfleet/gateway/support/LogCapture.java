package io.wsfleet.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects the formatted message of every log record the process writes (from the root logger) until
 * closed; the level of the gateway's loggers in force before is restored then.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private static final Logger GATEWAY = Logger.getLogger("io.wsfleet");
    private static final Logger ROOT = Logger.getLogger("");

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Level before = GATEWAY.getLevel();

    private LogCapture() {
        ROOT.addHandler(this);
    }

    /** Captures at the level the gateway's loggers have (and whatever a gateway sets them to). */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Captures with the gateway's loggers at {@code level}. */
    public static LogCapture at(Level level) {
        LogCapture capture = new LogCapture();
        GATEWAY.setLevel(level);
        return capture;
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(formatter.formatMessage(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROOT.removeHandler(this);
        GATEWAY.setLevel(before);
    }
}
