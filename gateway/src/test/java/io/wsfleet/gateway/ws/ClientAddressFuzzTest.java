package io.wsfleet.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsfleet.gateway.http.IpRange;
import io.wsfleet.gateway.support.FuzzInvariant;
import io.wsfleet.gateway.support.LookupCounter;

/**
 * Trusted-proxy ranges and {@code X-Forwarded-For} parsing. An input's first line is a comma-separated
 * list of trusted ranges (configuration: each parses or is refused with IllegalArgumentException), its
 * second line the TCP peer (or a PROXY header's source), the other lines the request's X-Forwarded-For
 * values. The client address is the peer or one of the hops, the peer itself whenever it is not
 * trusted, nothing throws, and no DNS query is ever made.
 */
class ClientAddressFuzzTest {

    @DictionaryEntries({"10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8", "[::1]", "::ffff:10.0.0.1", "/32", "/0",
            "/128", ", ", "0x7f.1", "1.2.3.4.5", "cafe"})
    @FuzzTest
    void theClientIsThePeerOrAForwardedHopAndNoNameIsResolved(byte[] input) {
        List<String> lines = Arrays.asList(new String(input, StandardCharsets.UTF_8).split("\n", -1));
        int lookupsBefore = LookupCounter.onThisThread();
        List<IpRange> trusted = new ArrayList<>();
        for (String range : lines.getFirst().split(",")) {
            FuzzInvariant.check(range.length(), () -> trusted.add(IpRange.parse(range.trim())),
                    IllegalArgumentException.class);
        }
        String peer = lines.size() > 1 ? lines.get(1) : "127.0.0.1";
        List<String> forwardedFor = lines.size() > 2 ? lines.subList(2, lines.size()) : List.of();
        ClientAddress addresses = new ClientAddress(trusted);
        AtomicReference<String> client = new AtomicReference<>();
        FuzzInvariant.check(input.length, () -> client.set(addresses.of(peer, forwardedFor)));

        assertThat(LookupCounter.onThisThread()).as("DNS lookups").isEqualTo(lookupsBefore);
        if (trusted.stream().noneMatch(range -> range.contains(peer))) {
            assertThat(client.get()).isEqualTo(peer);
        } else {
            List<String> hops = forwardedFor.stream().flatMap(value -> Arrays.stream(value.split(",")))
                    .map(String::trim).toList();
            assertThat(hops.contains(client.get()) || client.get().equals(peer)).as(client.get()).isTrue();
        }
    }
}
