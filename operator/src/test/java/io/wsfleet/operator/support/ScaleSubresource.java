package io.wsfleet.operator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The scale subresource as the API server serves it for a custom resource: replicas and selector read
 * from the paths the CRD declares, on the object with the schema's defaults applied (as on every read);
 * a path that is absent reads as 0 replicas. A scale update writes spec replicas at its path.
 */
final class ScaleSubresource {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final CustomResourceSubresourceScale paths;
    private final JSONSchemaProps schema;

    ScaleSubresource(CustomResourceDefinition crd) {
        var version = crd.getSpec().getVersions().getFirst();
        this.paths = version.getSubresources().getScale();
        this.schema = version.getSchema().getOpenAPIV3Schema();
    }

    /** The stored object with the schema's defaults, as the API server returns it. */
    ObjectNode defaulted(JsonNode stored) {
        ObjectNode object = stored.deepCopy();
        applyDefaults(object, schema);
        return object;
    }

    /** The autoscaling/v1 Scale of the (defaulted) object. */
    String scale(ObjectNode object) {
        ObjectNode scale = JsonNodeFactory.instance.objectNode();
        scale.put("apiVersion", "autoscaling/v1").put("kind", "Scale");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").get(field));
            }
        }
        JsonNode specReplicas = at(object, paths.getSpecReplicasPath());
        JsonNode statusReplicas = at(object, paths.getStatusReplicasPath());
        scale.putObject("spec").put("replicas", specReplicas.isMissingNode() ? 0 : specReplicas.asInt());
        ObjectNode status = scale.putObject("status").put("replicas", statusReplicas.isMissingNode() ? 0 : statusReplicas.asInt());
        JsonNode selector = at(object, paths.getLabelSelectorPath());
        if (!selector.isMissingNode()) {
            status.put("selector", selector.asText());
        }
        return SERIALIZATION.asJson(scale);
    }

    /** Sets spec replicas at the CRD's path, creating the objects on the way. */
    void setReplicas(ObjectNode object, int replicas) {
        String[] fields = paths.getSpecReplicasPath().substring(1).split("\\.");
        ObjectNode node = object;
        for (int i = 0; i < fields.length - 1; i++) {
            node = node.has(fields[i]) ? (ObjectNode) node.get(fields[i]) : node.putObject(fields[i]);
        }
        node.put(fields[fields.length - 1], replicas);
    }

    private static JsonNode at(JsonNode object, String path) {
        return object.at(path.replace('.', '/'));
    }

    private static void applyDefaults(JsonNode node, JSONSchemaProps schema) {
        if (node instanceof ObjectNode object && schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                if (!object.has(name) && property.getDefault() != null) {
                    object.set(name, property.getDefault().deepCopy());
                }
                if (object.has(name)) {
                    applyDefaults(object.get(name), property);
                }
            });
        } else if (node.isArray() && schema.getItems() != null && schema.getItems().getSchema() != null) {
            node.forEach(item -> applyDefaults(item, schema.getItems().getSchema()));
        }
    }
}
