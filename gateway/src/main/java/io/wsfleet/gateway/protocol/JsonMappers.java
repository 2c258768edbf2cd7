package io.wsfleet.gateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The gateway's Jackson mappers. By default Jackson keeps its reusable parse and write buffers in a
 * thread-local pool; every connection reads on its own virtual thread, so that pool would keep about
 * 16 KB of buffers per open connection (measured by the idle and fan-out benchmarks). A shared pool
 * keeps only as many as are in use at once.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    public static JsonMapper.Builder builder() {
        return JsonMapper.builder(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build());
    }

    public static ObjectMapper create() {
        return builder().build();
    }
}
