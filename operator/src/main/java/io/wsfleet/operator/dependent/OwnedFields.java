package io.wsfleet.operator.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields of an object the operator owns, and whether the live object still holds them.
 * <p>
 * The operator writes with create and update, not server-side apply (the mock API server of the tests
 * has none). Each object it writes carries the hash of everything it wrote ({@value #APPLIED_HASH}).
 * A desired object with another hash means the spec changed, removals included: the object is updated,
 * and the update replaces its spec whole. With the same hash only drift can differ, so every field the
 * operator sets must still hold its value in the live object, while what the API server and other
 * controllers added (defaults, allocated addresses, finalizers, the restart annotation) is ignored and
 * quantities compare by value ({@code 1000m} is {@code 1}, {@code 1024Mi} is {@code 1Gi}), as the API
 * server stores them in canonical form.
 */
final class OwnedFields {

    static final String APPLIED_HASH = "wsfleet.io/applied-hash";
    /** The annotation keys the operator wrote: an update removes those it no longer writes, and only those. */
    static final String OWNED_ANNOTATIONS = "wsfleet.io/owned-annotations";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Top-level fields that are not content: the kind, and what the API server and controllers write. */
    private static final Set<String> NOT_CONTENT = Set.of("apiVersion", "kind", "metadata", "status");
    /** Maps whose values are quantities (container resources, volume claims). */
    private static final Set<String> QUANTITY_MAPS = Set.of("requests", "limits");
    /** Fields that hold a quantity (an HPA metric target). */
    private static final Set<String> QUANTITY_FIELDS = Set.of("averageValue");

    private OwnedFields() {
    }

    /** The desired object, with its hash and the keys of its annotations recorded on it. */
    static <R extends HasMetadata> R stamp(R desired) {
        Map<String, String> annotations = new LinkedHashMap<>(annotations(desired));
        String hash = hash(SERIALIZATION.convertValue(desired, JsonNode.class));
        if (!annotations.isEmpty()) {
            annotations.put(OWNED_ANNOTATIONS, String.join(",", new TreeSet<>(annotations.keySet())));
        }
        annotations.put(APPLIED_HASH, hash);
        desired.getMetadata().setAnnotations(annotations);
        return desired;
    }

    /** Whether the live object holds everything the desired one says, and was written from the same desired state. */
    static boolean held(HasMetadata actual, HasMetadata desired) {
        if (!Objects.equals(annotations(actual).get(APPLIED_HASH), annotations(desired).get(APPLIED_HASH))) {
            return false;
        }
        JsonNode live = SERIALIZATION.convertValue(actual, JsonNode.class);
        JsonNode wanted = SERIALIZATION.convertValue(desired, JsonNode.class);
        if (!contains(live.path("metadata").path("labels"), wanted.path("metadata").path("labels"), "labels")
                || !contains(live.path("metadata").path("annotations"), wanted.path("metadata").path("annotations"), "annotations")) {
            return false;
        }
        for (var field : wanted.properties()) {
            if (!NOT_CONTENT.contains(field.getKey()) && !contains(live.path(field.getKey()), field.getValue(), field.getKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy of the live object without the annotations the operator wrote before and no longer wants;
     * annotations written by others stay.
     */
    static <R extends HasMetadata> R withoutDisowned(R actual, R desired) {
        R copy = SERIALIZATION.clone(actual);
        String owned = annotations(actual).get(OWNED_ANNOTATIONS);
        if (owned != null) {
            Map<String, String> wanted = annotations(desired);
            Map<String, String> kept = new LinkedHashMap<>(annotations(copy));
            Arrays.stream(owned.split(",")).filter(key -> !wanted.containsKey(key)).forEach(kept::remove);
            copy.getMetadata().setAnnotations(kept);
        }
        return copy;
    }

    private static Map<String, String> annotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    /** Every field of {@code wanted} is in {@code live} with the same value; lists have the same length. */
    private static boolean contains(JsonNode live, JsonNode wanted, String name) {
        if (wanted.isMissingNode() || wanted.isNull()) {
            return true;
        }
        if (wanted.isObject()) {
            if (!live.isObject()) {
                return false;
            }
            for (var field : wanted.properties()) {
                String child = QUANTITY_MAPS.contains(name) ? "quantity" : field.getKey();
                if (!contains(live.path(field.getKey()), field.getValue(), child)) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray()) {
            if (!live.isArray() || live.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!contains(live.get(i), wanted.get(i), name)) {
                    return false;
                }
            }
            return true;
        }
        return wanted.equals(live) || (("quantity".equals(name) || QUANTITY_FIELDS.contains(name)) && sameQuantity(live, wanted));
    }

    private static boolean sameQuantity(JsonNode live, JsonNode wanted) {
        try {
            return live.isValueNode() && new Quantity(live.asText()).compareTo(new Quantity(wanted.asText())) == 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** SHA-256 of the object's JSON with object keys sorted, so that map order never changes it. */
    private static String hash(JsonNode object) {
        StringBuilder canonical = new StringBuilder();
        write(object, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            Set<String> keys = new TreeSet<>();
            node.properties().forEach(field -> keys.add(field.getKey()));
            for (String key : keys) {
                out.append('"').append(key).append("\":");
                write(node.get(key), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(item -> {
                write(item, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
