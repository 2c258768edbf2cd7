package io.wsfleet.bench.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** A figure over several runs: its median, and the median with the lowest and highest run beside it. */
final class Spread {

    private Spread() {
    }

    static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** For example {@code 2.2 (2.0 - 2.4)}. */
    static <T> String of(List<T> runs, ToDoubleFunction<T> figure, String format) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return String.format(format, median(runs, figure)) + " (" + String.format(format, values[0]) + " - "
                + String.format(format, values[values.length - 1]) + ")";
    }
}
