package io.wsfleet.gateway.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RedisServer} for a test class's {@code @RegisterExtension static} field: started before its
 * tests, closed after them. Not for a class with {@code @Nested} classes: they would run its callbacks again.
 */
public final class RedisPerClass implements BeforeAllCallback, AfterAllCallback {
    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** The URL for the gateway's {@code REDIS_URL}. */
    public String uri() {
        return server.uri();
    }

}
