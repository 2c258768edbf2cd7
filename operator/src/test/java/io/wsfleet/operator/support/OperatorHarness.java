package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsfleet.operator.OperatorConfig;
import io.wsfleet.operator.Operators;
import io.wsfleet.operator.model.OperatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * The operator, built as Main builds it, running in-process against the fabric8 mock API server
 * in CRUD mode (mixed with one fixed answer, below, for leader election), with the committed CRD installed.
 */
public final class OperatorHarness implements AutoCloseable {

    public static final OperatorSettings SETTINGS = new OperatorSettings("example.org/wsfleet/gateway:1", "example.org/redis:7");
    public static final Path CRD = Path.of("").toAbsolutePath().getParent().resolve("crds/websocketclusters.wsfleet.io-v1.yml");

    /** The User-Agent of the operator's client: the API server records the requests made with it. */
    static final String OPERATOR_AGENT = "wsfleet-operator-under-test";

    private final KubernetesMockServer server;
    private final ApiServerDispatcher dispatcher;
    private final KubernetesClient client;
    private final KubernetesClient operatorClient;
    private final Operator operator;

    private OperatorHarness(KubernetesMockServer server, ApiServerDispatcher dispatcher, KubernetesClient client,
                            KubernetesClient operatorClient, Operator operator) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = client;
        this.operatorClient = operatorClient;
        this.operator = operator;
    }

    public static OperatorHarness start() throws IOException {
        return start(new OperatorConfig(Set.of(), SETTINGS, false, "", 0), new SimpleMeterRegistry());
    }

    public static OperatorHarness start(OperatorConfig config, MeterRegistry registry) throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        ApiServerDispatcher dispatcher = new ApiServerDispatcher(expectations, OPERATOR_AGENT, crd());
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
        server.init();
        if (config.leaderElection()) {
            // JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the CRUD mock cannot answer:
            // answer as an API server would for the chart's leader-election Role.
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update", "patch")
                            .endResourceRule().withIncomplete(false).endStatus().build())
                    .always();
        }
        KubernetesClient client = server.createClient();
        client.resource(crd()).create();
        KubernetesClient operatorClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_AGENT).build()).build();
        Operator operator = Operators.create(operatorClient, config, registry, false);
        operator.start();
        return new OperatorHarness(server, dispatcher, client, operatorClient, operator);
    }

    public static CustomResourceDefinition crd() throws IOException {
        try (InputStream in = Files.newInputStream(CRD)) {
            return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        }
    }

    /** Every request the operator made since it started, in order. */
    public List<ApiRequest> operatorRequests() {
        return dispatcher.recorded();
    }

    /** The operator's writes (create, update, patch, delete) of one object or its subresources. */
    public long writes(String resource, String namespace, String name) {
        return operatorRequests().stream().filter(request -> request.isWrite() && request.resource().equals(resource)
                && request.namespace().equals(namespace) && request.name().equals(name)).count();
    }

    /** The operator's status writes for one cluster. */
    public long statusWrites(String namespace, String name) {
        return operatorRequests().stream().filter(request -> request.isWrite() && request.resource().equals("websocketclusters")
                && request.subresource().equals("status") && request.namespace().equals(namespace) && request.name().equals(name)).count();
    }

    public Operator operator() {
        return operator;
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        operator.stop();
        operatorClient.close();
        client.close();
        server.destroy();
    }
}
