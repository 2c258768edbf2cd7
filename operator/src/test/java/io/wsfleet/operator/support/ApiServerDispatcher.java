package io.wsfleet.operator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's dispatcher (fixed answers first, then CRUD) with what the tests need of a real
 * API server besides: it records the requests of one client (by its User-Agent), serves the
 * WebSocketCluster scale subresource, and treats StatefulSets as {@link StatefulSetRules} says.
 */
final class ApiServerDispatcher extends KubernetesMixedDispatcher {

    private static final Pattern SCALE = Pattern.compile("^(/apis/wsfleet\\.io/v1alpha1/namespaces/[^/]+/websocketclusters/[^/?]+)/scale(\\?.*)?$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String recordedAgent;
    private final ScaleSubresource scale;
    private final List<ApiRequest> recorded = new ArrayList<>();

    ApiServerDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, String recordedAgent, CustomResourceDefinition crd) {
        super(expectations);
        this.recordedAgent = recordedAgent;
        this.scale = new ScaleSubresource(crd);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (recordedAgent.equals(request.getHeader("User-Agent"))) {
            synchronized (recorded) {
                recorded.add(ApiRequest.of(request.getMethod(), request.getPath()));
            }
        }
        Matcher scalePath = SCALE.matcher(request.getPath());
        if (scalePath.matches()) {
            return scale(request, scalePath.group(1));
        }
        Matcher statefulSet = StatefulSetRules.PATH.matcher(request.getPath());
        if (statefulSet.matches() && (request.getMethod().equals("PUT") || request.getMethod().equals("DELETE"))) {
            return statefulSet(request, statefulSet.group(1));
        }
        return super.dispatch(request);
    }

    /** An update refused as a real API server refuses it; a deletion that takes the pods unless it orphans them. */
    private MockResponse statefulSet(RecordedRequest request, String namespace) {
        String path = request.getPath().replaceFirst("\\?.*$", "");
        MockResponse stored = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, request.getHeaders(), new Buffer()));
        if (stored.code() != 200) {
            return super.dispatch(request);
        }
        String storedBody = stored.getBody().readUtf8();
        // reading the body consumes it: the stored-object dispatcher gets a copy
        String body = request.getUtf8Body();
        RecordedRequest copy = new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(request.getMethod()), request.getPath(),
                request.getHeaders(), new Buffer().writeUtf8(body));
        if (request.getMethod().equals("PUT")) {
            MockResponse refusal = StatefulSetRules.refusal(storedBody, body);
            return refusal != null ? refusal : super.dispatch(copy);
        }
        MockResponse deleted = super.dispatch(copy);
        if (deleted.code() == 200 && !StatefulSetRules.orphans(body)) {
            String uid = SERIALIZATION.unmarshal(storedBody, JsonNode.class).path("metadata").path("uid").asText();
            String pods = "/api/v1/namespaces/" + namespace + "/pods";
            MockResponse list = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, pods, request.getHeaders(), new Buffer()));
            for (JsonNode pod : SERIALIZATION.unmarshal(list.getBody().readUtf8(), JsonNode.class).path("items")) {
                boolean owned = false;
                for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
                    owned |= owner.path("uid").asText().equals(uid);
                }
                if (owned) {
                    super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.DELETE, pods + "/" + pod.path("metadata").path("name").asText(),
                            request.getHeaders(), new Buffer()));
                }
            }
        }
        return deleted;
    }

    List<ApiRequest> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** GET reads the Scale; PUT (the HPA controller) and PATCH (kubectl scale) set its spec.replicas. */
    private MockResponse scale(RecordedRequest request, String resourcePath) {
        MockResponse stored = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, resourcePath, request.getHeaders(), new Buffer()));
        if (stored.code() != 200) {
            return stored;
        }
        ObjectNode object = scale.defaulted(SERIALIZATION.unmarshal(stored.getBody().readUtf8(), JsonNode.class));
        if (request.getMethod().equals("GET")) {
            return json(200, scale.scale(object));
        }
        JsonNode replicas = SERIALIZATION.unmarshal(request.getUtf8Body(), JsonNode.class).at("/spec/replicas");
        if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
            return json(422, "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Invalid\",\"code\":422}");
        }
        scale.setReplicas(object, replicas.asInt());
        MockResponse updated = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, resourcePath, request.getHeaders(),
                new Buffer().writeUtf8(SERIALIZATION.asJson(object))));
        if (updated.code() != 200) {
            return updated;
        }
        return json(200, scale.scale(SERIALIZATION.unmarshal(updated.getBody().readUtf8(), ObjectNode.class)));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
