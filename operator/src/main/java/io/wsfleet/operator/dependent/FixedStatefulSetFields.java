package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the operator sets in a StatefulSet's spec that the API server refuses to change afterwards (it allows
 * only replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy
 * and minReadySeconds): the governing Service and the volume claim templates. Storage compares by value, as
 * the API server stores it in canonical form ({@code 1024Mi} is {@code 1Gi}).
 */
record FixedStatefulSetFields(String serviceName, List<Claim> claims) {

    /** One volume claim template; its size in bytes, as a plain number, so that equal sizes are equal. */
    record Claim(String name, List<String> accessModes, String storageClassName, String storageBytes) {
    }

    static FixedStatefulSetFields of(StatefulSet statefulSet) {
        List<PersistentVolumeClaim> templates = Objects.requireNonNullElse(statefulSet.getSpec().getVolumeClaimTemplates(), List.of());
        return new FixedStatefulSetFields(statefulSet.getSpec().getServiceName(), templates.stream().map(template -> {
            Map<String, Quantity> requests = template.getSpec().getResources() == null ? null
                    : template.getSpec().getResources().getRequests();
            return new Claim(template.getMetadata().getName(), template.getSpec().getAccessModes(),
                    template.getSpec().getStorageClassName(), requests == null || requests.get("storage") == null ? null
                            : Quantity.getAmountInBytes(requests.get("storage")).stripTrailingZeros().toPlainString());
        }).toList());
    }
}
