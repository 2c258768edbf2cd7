package io.wsfleet.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak judges Redis keys by whether they expire: the counts must be the server's own. */
class RedisStatsIT {
    private ServerProcess redis;
    private int port;

    @BeforeEach
    void startRedis(@TempDir Path folder) {
        port = FreePorts.next();
        redis = ServerProcess.start("redis", List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"), Map.of(), port, folder.resolve("redis.log"));
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    @Test
    void countsKeysWithAndWithoutAnExpiry() throws IOException {
        assertThat(RedisStats.of(port).keys()).isZero();
        assertThat(RedisStats.of(port).expiringKeys()).isZero();

        send("SET kept 1", "SET windowed 1 EX 600", "XADD stream 0-1 m x", "PEXPIRE stream 600000", "SELECT 1",
                "SET other 1 EX 600");

        RedisStats stats = RedisStats.of(port);
        assertThat(stats.keys()).as("DBSIZE counts database 0").isEqualTo(3);
        assertThat(stats.expiringKeys()).as("expiring keys of every database").isEqualTo(3);
        assertThat(stats.usedMemoryBytes()).isPositive();
    }

    private void send(String... commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        }
    }
}
