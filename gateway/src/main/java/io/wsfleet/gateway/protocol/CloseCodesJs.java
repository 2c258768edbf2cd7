package io.wsfleet.gateway.protocol;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders {@link CloseCode}'s classification as the JavaScript SDK's {@code close-codes.js}, so that
 * server and SDK share one table: {@code scripts/generate-close-codes} writes it, and a test fails
 * when the committed file differs.
 */
public final class CloseCodesJs {
    private CloseCodesJs() {
    }

    public static String render() {
        String ranges = CloseCode.APPLICATION_RANGES.stream()
                .map(range -> "  [%d, %d, %s],".formatted(range.from(), range.to(), constant(range.reconnectClass())))
                .collect(Collectors.joining("\n"));
        String standard = CloseCode.STANDARD.entrySet().stream()
                .map(entry -> "  [%d, %s],".formatted(entry.getKey(), constant(entry.getValue())))
                .collect(Collectors.joining("\n"));
        String sent = java.util.Arrays.stream(CloseCode.values())
                .map(code -> "//   %d %s: %s".formatted(code.code(), code.reason(), name(code.reconnectClass())))
                .collect(Collectors.joining("\n"));
        return """
                // Generated from gateway/src/main/java/io/wsfleet/gateway/protocol/CloseCode.java by
                // scripts/generate-close-codes: do not edit (a gateway test fails when the two differ).
                // The three reconnect classes of close codes, as docs/protocol.md#close-codes defines them.
                // The codes the gateway sends:
                %s

                export const CloseClass = Object.freeze({ TERMINAL: "terminal", BACKOFF: "backoff", NOW: "now" });

                // Application codes by range, so that codes added later are classified by where they fall.
                const RANGES = [
                %s
                ];

                // Standard codes whose class is not the default (backoff).
                const STANDARD = new Map([
                %s
                ]);

                /** Classifies a WebSocket close code into "terminal", "backoff" or "now". */
                export function classifyClose(code) {
                  for (const [from, to, closeClass] of RANGES) {
                    if (code >= from && code <= to) return closeClass;
                  }
                  return STANDARD.get(code) ?? %s;
                }
                """.formatted(sent, ranges, standard, constant(CloseCode.UNLISTED));
    }

    private static String constant(ReconnectClass reconnectClass) {
        return "CloseClass." + reconnectClass.name();
    }

    private static String name(ReconnectClass reconnectClass) {
        return reconnectClass.name().toLowerCase(Locale.ROOT);
    }
}
