package io.wsfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.OperatorHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the committed CRD promises: the API server's defaults equal the operator's, rules, columns, scale. */
class CrdSchemaTest {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void schemaDefaultsAreTheDefaultsTheOperatorApplies() throws IOException {
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        collectDefaults(spec(), "", defaults);
        JsonNode javaDefaults = SERIALIZATION.convertValue(Clusters.minimal("a", "b").getSpec(), JsonNode.class);

        assertThat(defaults).hasSizeGreaterThan(15);
        defaults.forEach((path, value) -> {
            JsonNode java = javaDefaults.at(path);
            if (!java.isMissingNode()) {   // sections absent by default (redis.external) have nothing to compare
                assertThat(java).as("default of spec%s", path).isEqualTo(value);
            }
        });
        assertThat(javaDefaults.at("/autoscaling/minReplicas").asInt()).isEqualTo(10);
    }

    @Test
    void crossFieldRulesArePartOfTheSchema() throws IOException {
        JSONSchemaProps spec = spec();

        assertThat(spec.getRequired()).containsExactly("auth");
        assertThat(rules(spec.getProperties().get("autoscaling"))).contains("self.minReplicas <= self.maxReplicas");
        assertThat(rules(spec.getProperties().get("auth"))).contains(
                "(has(self.jwtSecret) ? 1 : 0) + (has(self.publicKey) ? 1 : 0) + (has(self.jwksUri) ? 1 : 0) == 1",
                "!has(self.jwksAlgorithm) || has(self.jwksUri)");
        assertThat(spec.getProperties().get("auth").getProperties().get("jwksUri").getPattern()).isEqualTo(AuthSpec.JWKS_URI_RULE);
        assertThat(spec.getProperties().get("auth").getProperties().get("jwksAlgorithm").getEnum()).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(rules(spec.getProperties().get("redis"))).contains("!(has(self.managed) && has(self.external))");
        JSONSchemaProps managed = spec.getProperties().get("redis").getProperties().get("managed");
        assertThat(rules(managed)).contains("!has(self.replicas) || self.replicas == 1 || self.replicas % 2 == 1");
        assertThat(managed.getProperties().get("replicas").getMaximum()).isEqualTo(7.0);
        assertThat(rules(spec.getProperties().get("tls"))).contains("self.mode != 'Pod' || has(self.secretName)");
        assertThat(spec.getProperties().get("tls").getProperties().get("mode").getEnum()).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("None", "Pod", "LoadBalancer");
    }

    @Test
    void printerColumnsAndTheScaleSubresource() throws IOException {
        CustomResourceDefinitionVersion version = version();

        assertThat(version.getAdditionalPrinterColumns()).extracting(column -> column.getName())
                .containsExactlyInAnyOrder("Ready", "Replicas", "Endpoint", "Age");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.gateway.replicas");
        assertThat(version.getSubresources().getScale().getStatusReplicasPath()).isEqualTo(".status.replicas");
        assertThat(version.getSubresources().getScale().getLabelSelectorPath()).isEqualTo(".status.selector");
    }

    private static void collectDefaults(JSONSchemaProps schema, String path, Map<String, JsonNode> defaults) {
        if (schema.getDefault() != null) {
            defaults.put(path, schema.getDefault());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, child) -> collectDefaults(child, path + "/" + name, defaults));
        }
    }

    private static List<String> rules(JSONSchemaProps schema) {
        return schema.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }

    private static CustomResourceDefinitionVersion version() throws IOException {
        CustomResourceDefinition crd = SERIALIZATION.unmarshal(Files.readString(OperatorHarness.CRD), CustomResourceDefinition.class);
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("wsc");
        return crd.getSpec().getVersions().getFirst();
    }

    private static JSONSchemaProps spec() throws IOException {
        return version().getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }
}
