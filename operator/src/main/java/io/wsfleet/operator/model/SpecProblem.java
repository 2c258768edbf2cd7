package io.wsfleet.operator.model;

/** One thing wrong with a spec, named by its field path. */
public record SpecProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
