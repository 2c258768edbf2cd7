package io.wsfleet.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A WebSocket client that writes frames byte by byte, so that tests can send what no well-behaved
 * client library would: reserved bits and opcodes, unmasked or fragmented control frames, lengths
 * that lie, bad UTF-8. It upgrades with a token, then reads what the server answers until its close frame.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Opens a socket and completes the upgrade with {@code Authorization: Bearer token}. */
    public static RawWebSocket connect(int port, String token) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            RawWebSocket ws = new RawWebSocket(socket);
            ws.out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = ws.readHeaders();
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("upgrade refused: " + status);
            }
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One frame as a client sends it: {@code first} is the byte with FIN, RSV1-3 and the opcode; the
     * payload is masked with a random key when {@code masked}.
     */
    public static byte[] frame(int first, boolean masked, byte[] payload, Random random) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(mask | payload.length);
        } else if (payload.length < 65536) {
            frame.write(mask | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            random.nextBytes(key);
            frame.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i % 4]);
        }
        return frame.toByteArray();
    }

    /** A final frame of {@code opcode}, masked. */
    public static byte[] frame(int opcode, byte[] payload, Random random) {
        return frame(0x80 | opcode, true, payload, random);
    }

    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server may close first (it may stop reading at the first bad byte): what it answered still counts
        }
    }

    /**
     * What the server answered, read until its close frame, the end of the connection or {@code wait}
     * of silence: {@code "close <code>"} (1005 for a close frame without a code), {@code "closed"}
     * (the connection ended without a close frame), {@code "open"} (nothing more came); text frames
     * before it are listed first, as {@code "text <payload>"}. Bytes that are no frame end the reading
     * as {@code "bytes <their first line>"}.
     */
    public List<String> answer(Duration wait) {
        List<String> answer = new ArrayList<>();
        try {
            socket.setSoTimeout((int) wait.toMillis());
            while (true) {
                int first = in.readUnsignedByte();
                if ((first & 0x70) != 0 || (first & 0x0F) > PING + 1) {
                    byte[] rest = new byte[Math.min(in.available(), 200)];
                    in.readFully(rest);
                    answer.add("bytes " + ((char) first + new String(rest, StandardCharsets.ISO_8859_1)).lines().findFirst().orElse(""));
                    return answer;
                }
                byte[] payload = readPayload();
                if ((first & 0x0F) == CLOSE) {
                    answer.add("close " + (payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005));
                    return answer;
                }
                if ((first & 0x0F) == TEXT) {
                    answer.add("text " + new String(payload, StandardCharsets.UTF_8));
                }
            }
        } catch (SocketTimeoutException silent) {
            answer.add("open");
        } catch (IOException ended) {
            answer.add("closed");
        }
        return answer;
    }

    /** The payload of the next text frame the server sends, as UTF-8; frames of other kinds are skipped. */
    public String awaitText(Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            while (true) {
                int first = in.readUnsignedByte();
                byte[] payload = readPayload();
                if ((first & 0x0F) == TEXT) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("no text frame within " + wait, e);
        }
    }

    /** The length and payload of a server frame whose first byte was read (servers do not mask). */
    private byte[] readPayload() throws IOException {
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return payload;
    }

    private String readHeaders() throws IOException {
        InputStream raw = socket.getInputStream();
        StringBuilder headers = new StringBuilder();
        while (headers.indexOf("\r\n\r\n") < 0) {
            int b = raw.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade: " + headers);
            }
            headers.append((char) b);
        }
        return headers.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
