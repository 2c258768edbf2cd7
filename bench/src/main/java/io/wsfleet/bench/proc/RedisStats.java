package io.wsfleet.bench.proc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A Redis server's key count ({@code DBSIZE}) and the memory its data uses ({@code used_memory} of
 * {@code INFO memory}), asked over a short-lived connection of its own.
 */
public record RedisStats(long keys, long usedMemoryBytes) {

    public static RedisStats of(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("DBSIZE\r\nINFO memory\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long keys = Long.parseLong(expect(line(in), ':'));
            byte[] info = in.readNBytes(Integer.parseInt(expect(line(in), '$')));
            return new RedisStats(keys, usedMemory(new String(info, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask Redis on port " + port, e);
        }
    }

    private static long usedMemory(String info) {
        return info.lines().filter(line -> line.startsWith("used_memory:"))
                .mapToLong(line -> Long.parseLong(line.substring("used_memory:".length()).trim()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no used_memory in INFO memory"));
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
