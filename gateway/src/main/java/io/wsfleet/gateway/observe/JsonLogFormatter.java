package io.wsfleet.gateway.observe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.protocol.JsonMappers;

/**
 * One JSON object per log record, for log collectors: {@code timestamp}, {@code level}, {@code logger},
 * {@code message}, and one field per {@code key={n}} of the message template (so that
 * {@code "connection opened conn={0} user={1}"} also gives {@code "conn"} and {@code "user"}), plus the
 * stack trace of an exception as {@code exception}.
 */
public final class JsonLogFormatter extends Formatter {
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final Pattern FIELD = Pattern.compile("([A-Za-z_]+)=\\{(\\d+)}");

    @Override
    public String format(LogRecord record) {
        ObjectNode line = JSON.createObjectNode()
                .put("timestamp", record.getInstant().toString())
                .put("level", levelName(record.getLevel()))
                .put("logger", record.getLoggerName())
                .put("message", formatMessage(record));
        Object[] parameters = record.getParameters();
        if (record.getMessage() != null && parameters != null) {
            Matcher field = FIELD.matcher(record.getMessage());
            while (field.find()) {
                int index = Integer.parseInt(field.group(2));
                if (index < parameters.length && !line.has(field.group(1))) {
                    line.put(field.group(1), String.valueOf(parameters[index]));
                }
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("exception", trace.toString());
        }
        return line + System.lineSeparator();
    }

    /** The names the gateway's configuration uses (System.Logger's), not java.util.logging's. */
    private static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }
}
