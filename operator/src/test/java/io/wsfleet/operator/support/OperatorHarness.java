package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.Set;

/**
 * The operator, built as Main builds it, running in-process against the fabric8 mock API server
 * in CRUD mode (mixed with one fixed answer, below, for leader election), with the committed CRD installed.
 */
public final class OperatorHarness implements AutoCloseable {

    public static final OperatorSettings SETTINGS = new OperatorSettings("example.org/wsfleet/gateway:1", "example.org/redis:7");
    public static final Path CRD = Path.of("").toAbsolutePath().getParent().resolve("crds/websocketclusters.wsfleet.io-v1.yml");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Operator operator;
    private final List<String> requests = new ArrayList<>();

    private OperatorHarness(KubernetesMockServer server, KubernetesClient client, Operator operator) {
        this.server = server;
        this.client = client;
        this.operator = operator;
    }

    public static OperatorHarness start() throws IOException {
        return start(new OperatorConfig(Set.of(), SETTINGS, false, "", 0), new SimpleMeterRegistry());
    }

    public static OperatorHarness start(OperatorConfig config, MeterRegistry registry) throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        if (config.leaderElection()) {
            // JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the CRUD mock cannot answer:
            // answer as an API server would for the chart's leader-election Role.
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update")
                            .endResourceRule().withIncomplete(false).endStatus().build())
                    .always();
        }
        KubernetesClient client = server.createClient();
        installCrd(client);
        Operator operator = Operators.create(client, config, registry, false);
        operator.start();
        return new OperatorHarness(server, client, operator);
    }

    public static void installCrd(KubernetesClient client) throws IOException {
        try (InputStream in = Files.newInputStream(CRD)) {
            client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        }
    }

    /** Status writes (PATCH or PUT of /status) for one cluster received by the API server since the harness started. */
    public synchronized long statusWrites(String namespace, String name) throws InterruptedException {
        for (RecordedRequest request = server.takeRequest(0, TimeUnit.SECONDS); request != null;
             request = server.takeRequest(0, TimeUnit.SECONDS)) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        String path = "/apis/wsfleet.io/v1alpha1/namespaces/" + namespace + "/websocketclusters/" + name + "/status";
        return requests.stream().filter(line -> !line.startsWith("GET") && line.endsWith(path)).count();
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
        client.close();
        server.destroy();
    }
}
