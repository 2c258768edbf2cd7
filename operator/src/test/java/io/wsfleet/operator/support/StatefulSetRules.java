package io.wsfleet.operator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Two things a real API server does with StatefulSets that the mock one, which stores whatever it is given,
 * does not: it refuses (422) an update that changes a spec field other than the few its validation allows,
 * comparing after its defaulting; and, through the garbage collector, a StatefulSet deleted without orphan
 * propagation takes its pods with it.
 */
final class StatefulSetRules {

    static final Pattern PATH = Pattern.compile("^/apis/apps/v1/namespaces/([^/]+)/statefulsets/([^/?]+)(\\?.*)?$");
    /** As the API server's validation names them, in its message's order. */
    private static final Set<String> UPDATABLE = Set.of("replicas", "ordinals", "template", "updateStrategy",
            "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
    private static final String FORBIDDEN = "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals',"
            + " 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'"
            + " are forbidden";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StatefulSetRules() {
    }

    /** The API server's answer to replacing {@code stored} with {@code update}, or null when it accepts it. */
    static MockResponse refusal(String stored, String update) {
        JsonNode before = SERIALIZATION.unmarshal(stored, JsonNode.class);
        JsonNode after = SERIALIZATION.unmarshal(update, JsonNode.class);
        if (fixed(before.path("spec")).equals(fixed(after.path("spec")))) {
            return null;
        }
        String name = before.path("metadata").path("name").asText();
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"StatefulSet.apps \\\"" + name + "\\\" is invalid: spec: " + FORBIDDEN + "\",\"reason\":\"Invalid\","
                + "\"details\":{\"name\":\"" + name + "\",\"group\":\"apps\",\"kind\":\"StatefulSet\",\"causes\":[{\"reason\":"
                + "\"FieldValueForbidden\",\"message\":\"" + FORBIDDEN + "\",\"field\":\"spec\"}]},\"code\":422}";
        return new MockResponse().setResponseCode(422).setHeader("Content-Type", "application/json").setBody(status);
    }

    /** Whether a DELETE's options leave the StatefulSet's pods running (propagationPolicy Orphan). */
    static boolean orphans(String deleteOptions) {
        return !deleteOptions.isBlank()
                && "Orphan".equals(SERIALIZATION.unmarshal(deleteOptions, JsonNode.class).path("propagationPolicy").asText());
    }

    /** The spec without the fields an update may change, defaulted as the API server defaults it. */
    private static JsonNode fixed(JsonNode spec) {
        ObjectNode fixed = spec instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
        fixed.remove(UPDATABLE);
        if (!fixed.has("podManagementPolicy")) {
            fixed.put("podManagementPolicy", "OrderedReady");
        }
        for (JsonNode claim : fixed.path("volumeClaimTemplates")) {
            ((ObjectNode) claim).remove("status");
            if (claim.path("metadata") instanceof ObjectNode metadata) {
                metadata.remove("creationTimestamp");
            }
            if (claim.path("spec") instanceof ObjectNode claimSpec && !claimSpec.has("volumeMode")) {
                claimSpec.put("volumeMode", "Filesystem");
            }
            if (claim.path("spec").path("resources").path("requests") instanceof ObjectNode requests && requests.path("storage").isTextual()) {
                requests.put("storage", Quantity.getAmountInBytes(new Quantity(requests.path("storage").asText()))
                        .stripTrailingZeros().toPlainString());
            }
        }
        return fixed;
    }
}
