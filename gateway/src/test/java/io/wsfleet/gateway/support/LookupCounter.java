package io.wsfleet.gateway.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The JDK's own resolver, counting the name lookups each thread asks for: installed for every test of
 * this module (META-INF/services), so that a test can check that parsing an address never sent a DNS
 * query (a client-supplied header must not make the gateway resolve names).
 */
public final class LookupCounter extends InetAddressResolverProvider {
    private static final ThreadLocal<int[]> LOOKUPS = ThreadLocal.withInitial(() -> new int[1]);

    /** Lookups of names and addresses the current thread has asked for so far. */
    public static int onThisThread() {
        return LOOKUPS.get()[0];
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                LOOKUPS.get()[0]++;
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                LOOKUPS.get()[0]++;
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "counting";
    }
}
