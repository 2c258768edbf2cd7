package io.wsfleet.gateway.support;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two gateways sharing one real {@code redis-server}, for a test class's {@code @RegisterExtension static}
 * field: started before its tests, stopped after them.
 */
public final class TwoGateways implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> environment;
    private RedisServer redis;
    private TestGateway a;
    private TestGateway b;

    private TwoGateways(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Both gateways with the same Redis key prefix and these overrides of the test environment. */
    public static TwoGateways onOneRedis(String prefix, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(overrides);
        environment.put("REDIS_PREFIX", prefix);
        return new TwoGateways(environment);
    }

    public TestGateway a() {
        return a;
    }

    public TestGateway b() {
        return b;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisServer.start();
        Map<String, String> withRedis = new HashMap<>(environment);
        withRedis.put("REDIS_URL", redis.uri());
        a = TestGateway.start(withRedis);
        b = TestGateway.start(withRedis);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        a.close();
        b.close();
        redis.close();
    }
}
