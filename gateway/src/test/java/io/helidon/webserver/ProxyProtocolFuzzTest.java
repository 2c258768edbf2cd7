package io.helidon.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helidon.http.RequestException;
import io.wsfleet.gateway.support.FuzzInvariant;

/**
 * PROXY protocol v1 and v2 headers, as the gateway's client listener reads them when
 * {@code clients.proxy-protocol} is on. The parser is Helidon's ({@link ProxyProtocolHandler}, package
 * private, hence this package); the gateway trusts its source address for per-IP limits. A header
 * parses, or is refused with Helidon's {@link RequestException} (bad header) or an {@link IOException}
 * (the stream ended); the connection is then closed.
 *
 * <p>One defect of Helidon 4.5 is known (corpus entries {@code v2-empty-tlv-helidon-defect} and
 * {@code v2-short-tlv-helidon-defect}, found here): a v2 TLV whose value is shorter than its type needs
 * throws {@link ArrayIndexOutOfBoundsException} from the parser. The connection ends all the same; it is
 * tolerated when thrown by {@link ProxyProtocolHandler} itself, so that any other escape is still a finding.
 */
class ProxyProtocolFuzzTest {

    // The binary v2 signature and headers come from the seeds: libFuzzer's dictionaries take no control characters.
    @DictionaryEntries({"PROXY TCP4 ", "PROXY TCP6 ", "PROXY UNKNOWN", "QUIT", " 192.0.2.1", " 2001:db8::1", " 65535"})
    @FuzzTest
    void aHeaderParsesOrIsRefused(byte[] input) {
        AtomicReference<ProxyProtocolData> parsed = new AtomicReference<>();
        FuzzInvariant.check(input.length,
                () -> parsed.set(ProxyProtocolHandler.handleAnyProtocol(new ByteArrayInputStream(input))),
                RequestException.class, IOException.class, ArrayIndexOutOfBoundsException.class)
                .filter(ArrayIndexOutOfBoundsException.class::isInstance)
                .ifPresent(defect -> assertThat(defect.getStackTrace()[0].getClassName()).as(defect.toString())
                        .isEqualTo(ProxyProtocolHandler.class.getName()));
        if (parsed.get() != null) {
            assertThat(parsed.get().family()).isNotNull();
            assertThat(parsed.get().protocol()).isNotNull();
        }
    }
}
