package io.wsfleet.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a new condition list from the previous one: a condition keeps its lastTransitionTime
 * unless its status flips, as the Kubernetes API conventions require.
 */
final class Conditions {

    static final String TRUE = "True";
    static final String FALSE = "False";

    private final Map<String, Condition> previous = new LinkedHashMap<>();
    private final Map<String, Condition> next = new LinkedHashMap<>();
    private final long generation;
    private final String now;

    Conditions(List<Condition> previous, long generation, Instant now) {
        previous.forEach(condition -> this.previous.put(condition.getType(), condition));
        this.generation = generation;
        this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    Conditions set(String type, boolean status, String reason, String message) {
        String value = status ? TRUE : FALSE;
        Condition before = previous.get(type);
        String transition = before != null && value.equals(before.getStatus()) ? before.getLastTransitionTime() : now;
        next.put(type, new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(transition).build());
        return this;
    }

    /** Conditions not set this time stay as they were. */
    List<Condition> list() {
        List<Condition> all = new ArrayList<>();
        previous.forEach((type, condition) -> all.add(next.getOrDefault(type, condition)));
        next.forEach((type, condition) -> {
            if (!previous.containsKey(type)) {
                all.add(condition);
            }
        });
        return all;
    }
}
