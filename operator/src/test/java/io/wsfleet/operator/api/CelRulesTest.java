package io.wsfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.api.v1alpha1.AutoscalerProvider;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.DrainSpec;
import io.wsfleet.operator.api.v1alpha1.ExternalRedisSpec;
import io.wsfleet.operator.api.v1alpha1.GatewaySpec;
import io.wsfleet.operator.api.v1alpha1.KedaSpec;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.KeyAlgorithm;
import io.wsfleet.operator.api.v1alpha1.PublicKeySpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.RoomSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.TlsMode;
import io.wsfleet.operator.api.v1alpha1.TlsSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.Helm;
import io.wsfleet.operator.support.OperatorHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD's CEL rules, evaluated with a CEL implementation on specs after defaulting (what the API
 * server evaluates them on): every example passes, each invalid combination is refused by its rule.
 */
class CelRulesTest {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    @Test
    void theDefaultsAndEveryExamplePass() throws Exception {
        assertThat(violations(Clusters.minimal("a", "b").getSpec())).isEmpty();
        try (Stream<Path> examples = Files.list(Helm.REPO.resolve("examples"))) {
            // The WebSocketCluster manifests only: examples/observability holds dashboards and alert rules.
            for (Path example : examples.filter(path -> path.getFileName().toString().endsWith(".yaml")).toList()) {
                WebSocketCluster cluster = SERIALIZATION.unmarshal(Files.readString(example), WebSocketCluster.class);
                assertThat(violations(cluster.getSpec())).as(example.getFileName().toString()).isEmpty();
            }
        }
    }

    @Test
    void eachCrossFieldInvariantIsEnforced() throws Exception {
        SecretKeyRef key = new SecretKeyRef("s", "k");
        assertThat(violations(spec(new AutoscalingSpec(true, 20, 10, null, null, null, null, null), null, Clusters.jwtAuth(), null)))
                .containsExactly("/autoscaling: minReplicas must not exceed maxReplicas");
        assertThat(violations(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, null, null, null),
                new ExternalRedisSpec("redis://r:6379", null, null)), Clusters.jwtAuth(), null)))
                .containsExactly("/redis: set either managed or external, not both");
        assertThat(violations(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, null, null, 4), null), Clusters.jwtAuth(), null)))
                .containsExactly("/redis/managed: " + ManagedRedisSpec.REPLICAS_RULE);
        assertThat(violations(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, null, null, 5), null), Clusters.jwtAuth(), null)))
                .isEmpty();
        assertThat(violations(spec(null, null, new AuthSpec(key, new PublicKeySpec(key, KeyAlgorithm.ES256), null, null, null, null, null), null)))
                .containsExactly("/auth: set exactly one of jwtSecret, publicKey and jwksUri");
        assertThat(violations(spec(null, null, new AuthSpec(null, null, null, null, null, null, null), null)))
                .containsExactly("/auth: set exactly one of jwtSecret, publicKey and jwksUri");
        assertThat(violations(spec(null, null, new AuthSpec(key, null, "https://id.example/jwks", null, null, null, null), null)))
                .containsExactly("/auth: set exactly one of jwtSecret, publicKey and jwksUri");
        assertThat(violations(spec(null, null, new AuthSpec(key, new PublicKeySpec(key, KeyAlgorithm.RS256),
                "https://id.example/jwks", null, null, null, null), null)))
                .containsExactly("/auth: set exactly one of jwtSecret, publicKey and jwksUri");
        assertThat(violations(spec(null, null, new AuthSpec(key, null, null, KeyAlgorithm.ES256, null, null, null), null)))
                .containsExactly("/auth: jwksAlgorithm goes with jwksUri");
        assertThat(violations(spec(null, null, new AuthSpec(null, null, "https://id.example/jwks", KeyAlgorithm.ES256, null, null, null),
                null))).isEmpty();
        assertThat(violations(spec(null, null, Clusters.jwtAuth(), new TlsSpec(TlsMode.Pod, null, null))))
                .containsExactly("/tls: mode Pod needs secretName");
        assertThat(violations(spec(null, null, Clusters.jwtAuth(), new TlsSpec(TlsMode.LoadBalancer, null, null))))
                .containsExactly("/tls: mode LoadBalancer needs certificateArn");
        List<RoomSpec> encrypted = List.of(new RoomSpec("lobby", null, null, null, null), new RoomSpec("vault", null, null, null, true));
        assertThat(violations(new WebSocketClusterSpec(null, null, null, null, Clusters.jwtAuth(), null, null, null, encrypted, null, null, null)))
                .containsExactly(": an encrypted room needs encryptionKey");
        assertThat(violations(new WebSocketClusterSpec(null, null, null, null, Clusters.jwtAuth(), null, null, null, encrypted, null, null, key)))
                .isEmpty();
    }

    @Test
    void aDrainFitsInTheHpasPeriodAndKedaHasWhatItNeeds() throws Exception {
        assertThat(violations(new WebSocketClusterSpec(new GatewaySpec(null, null, null, null, null, null, null,
                new DrainSpec(0, DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS, null, null), null), null, null, null, Clusters.jwtAuth(),
                null, null, null, null, null, null, null))).isEmpty();
        assertThat(violations(new WebSocketClusterSpec(new GatewaySpec(null, null, null, null, null, null, null,
                new DrainSpec(1, DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS, null, null), null), null, null, null, Clusters.jwtAuth(),
                null, null, null, null, null, null, null)))
                .containsExactly("/gateway/drain: deregistrationDelaySeconds + windowSeconds must not exceed 1795 (with the 5 s preStop"
                        + " sleep, one drain must fit in the HPA's longest policy period, 1800 s)");
        KedaSpec prometheus = new KedaSpec("http://prometheus:9090");
        assertThat(violations(spec(new AutoscalingSpec(true, null, null, null, 100, null, AutoscalerProvider.KEDA, prometheus), null,
                Clusters.jwtAuth(), null))).isEmpty();
        for (AutoscalingSpec incomplete : List.of(new AutoscalingSpec(true, null, null, null, null, null, AutoscalerProvider.KEDA, prometheus),
                new AutoscalingSpec(true, null, null, null, 100, null, AutoscalerProvider.KEDA, null),
                new AutoscalingSpec(true, null, null, null, 100, null, AutoscalerProvider.KEDA, new KedaSpec(null)))) {
            assertThat(violations(spec(incomplete, null, Clusters.jwtAuth(), null)))
                    .containsExactly("/autoscaling: provider KEDA needs targetConnectionsPerPod and keda.serverAddress");
        }
    }

    private static WebSocketClusterSpec spec(AutoscalingSpec autoscaling, RedisSpec redis, AuthSpec auth, TlsSpec tls) {
        return new WebSocketClusterSpec(null, autoscaling, null, redis, auth, null, null, tls, null, null, null, null);
    }

    /** "path: message" of every rule that does not hold; the spec is taken with its defaults filled in. */
    private static List<String> violations(WebSocketClusterSpec spec) throws Exception {
        JsonNode object = SERIALIZATION.convertValue(spec, JsonNode.class);
        List<String> violations = new ArrayList<>();
        check(specSchema(), object, "", violations);
        return violations;
    }

    private static void check(JSONSchemaProps schema, JsonNode object, String path, List<String> violations) throws Exception {
        if (object == null || object.isMissingNode() || object.isNull()) {
            return;
        }
        for (ValidationRule rule : schema.getXKubernetesValidations() == null ? List.<ValidationRule>of() : schema.getXKubernetesValidations()) {
            Object result = RUNTIME.createProgram(COMPILER.compile(rule.getRule()).getAst())
                    .eval(Map.of("self", toCel(object)));
            if (!Boolean.TRUE.equals(result)) {
                violations.add(path + ": " + rule.getMessage());
            }
        }
        if (schema.getProperties() != null) {
            for (var property : schema.getProperties().entrySet()) {
                check(property.getValue(), object.get(property.getKey()), path + "/" + property.getKey(), violations);
            }
        }
    }

    /** JSON as CEL's Java values: maps, lists, strings, booleans, 64-bit integers, doubles. */
    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    map.put(field.getKey(), toCel(field.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.isBoolean() ? node.asBoolean() : node.asText();
    }

    private static JSONSchemaProps specSchema() throws IOException {
        CustomResourceDefinition crd = SERIALIZATION.unmarshal(Files.readString(OperatorHarness.CRD), CustomResourceDefinition.class);
        return crd.getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }
}
