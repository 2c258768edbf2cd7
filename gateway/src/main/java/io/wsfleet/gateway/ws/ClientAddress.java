package io.wsfleet.gateway.ws;

import java.util.List;

import io.helidon.http.HeaderNames;
import io.wsfleet.gateway.http.IpRange;
import io.helidon.webserver.http.RoutingRequest;

/**
 * The address of the client behind an upgrade request, for per-IP limits and logs. The TCP peer (or
 * the source address of a PROXY protocol header, when the listener expects one) is the client unless
 * it is a trusted proxy; then {@code X-Forwarded-For} is read from the right, skipping trusted proxies,
 * and the first untrusted address is the client. A client cannot choose its address by sending the
 * header itself: an untrusted peer's header is ignored.
 */
final class ClientAddress {
    private final List<IpRange> trustedProxies;

    ClientAddress(List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    String of(RoutingRequest request) {
        String peer = request.proxyProtocolData()
                .map(proxy -> proxy.sourceAddress())
                .orElseGet(() -> request.remotePeer().host());
        return of(peer, request.headers().values(HeaderNames.X_FORWARDED_FOR));
    }

    /** The client behind {@code peer}, given the request's {@code X-Forwarded-For} header values. */
    String of(String peer, List<String> forwardedFor) {
        if (!trusted(peer)) {
            return peer;
        }
        List<String> forwarded = forwardedFor.stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(hop -> !hop.isEmpty())
                .toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            if (!trusted(forwarded.get(i))) {
                return forwarded.get(i);
            }
        }
        return forwarded.isEmpty() ? peer : forwarded.getFirst();
    }

    private boolean trusted(String address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
