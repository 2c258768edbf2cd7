package io.wsfleet.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a WebSocket upgrade request over a plain socket and returns the raw HTTP response, so that
 * tests can read the status line, headers and body of a refused upgrade exactly as a client sees them.
 */
public final class RawUpgrade {

    private RawUpgrade() {
    }

    public static String send(int port, String pathAndQuery, String... extraHeaderLines) throws IOException {
        return sendAfter("", port, pathAndQuery, extraHeaderLines);
    }

    /** The same, with {@code preamble} (a PROXY protocol line, say) written before the request. */
    public static String sendAfter(String preamble, int port, String pathAndQuery, String... extraHeaderLines)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            StringBuilder request = new StringBuilder(preamble)
                    .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            for (String line : extraHeaderLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        StringBuilder response = new StringBuilder();
        int contentLength = -1;
        int headerEnd = -1;
        while (true) {
            int read = in.read(buffer);
            if (read < 0) {
                return response.toString();
            }
            response.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (headerEnd < 0 && response.indexOf("\r\n\r\n") >= 0) {
                headerEnd = response.indexOf("\r\n\r\n") + 4;
                contentLength = contentLength(response.substring(0, headerEnd));
            }
            if (headerEnd >= 0 && response.length() - headerEnd >= Math.max(contentLength, 0)) {
                return response.toString();
            }
        }
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }
}
