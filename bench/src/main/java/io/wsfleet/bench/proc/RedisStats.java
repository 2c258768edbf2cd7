package io.wsfleet.bench.proc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis server's key count ({@code DBSIZE}), how many of those keys expire by themselves
 * ({@code expires} of {@code INFO keyspace}) and the memory its data uses ({@code used_memory} of
 * {@code INFO memory}), asked over a short-lived connection of its own.
 */
public record RedisStats(long keys, long expiringKeys, long usedMemoryBytes) {
    private static final Pattern EXPIRES = Pattern.compile("^db\\d+:.*expires=(\\d+)", Pattern.MULTILINE);


    public static RedisStats of(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("DBSIZE\r\nINFO memory\r\nINFO keyspace\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long keys = Long.parseLong(expect(line(in), ':'));
            long usedMemory = usedMemory(bulk(in));
            return new RedisStats(keys, expiring(bulk(in)), usedMemory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask Redis on port " + port, e);
        }
    }

    private static long usedMemory(String info) {
        return info.lines().filter(line -> line.startsWith("used_memory:"))
                .mapToLong(line -> Long.parseLong(line.substring("used_memory:".length()).trim()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no used_memory in INFO memory"));
    }

    /** The keys with a time to live, summed over the databases (a database without keys is not listed). */
    private static long expiring(String keyspace) {
        Matcher expires = EXPIRES.matcher(keyspace);
        long total = 0;
        while (expires.find()) {
            total += Long.parseLong(expires.group(1));
        }
        return total;
    }

    private static String bulk(InputStream in) throws IOException {
        byte[] text = in.readNBytes(Integer.parseInt(expect(line(in), '$')));
        line(in); // the CRLF after the bulk string
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static String expect(String reply, char type) {
        if (reply.isEmpty() || reply.charAt(0) != type) {
            throw new IllegalStateException("unexpected Redis reply " + reply);
        }
        return reply.substring(1);
    }

    /** One RESP line without its CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
