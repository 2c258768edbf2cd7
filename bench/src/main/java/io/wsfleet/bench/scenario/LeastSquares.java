package io.wsfleet.bench.scenario;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The slope of the least-squares line through readings: a per-connection figure from a run's batches. */
final class LeastSquares {

    private LeastSquares() {
    }

    static <T> double slope(List<T> readings, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
        double meanX = readings.stream().mapToDouble(x).average().orElseThrow();
        double meanY = readings.stream().mapToDouble(y).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (T reading : readings) {
            double dx = x.applyAsDouble(reading) - meanX;
            covariance += dx * (y.applyAsDouble(reading) - meanY);
            variance += dx * dx;
        }
        return covariance / variance;
    }
}
