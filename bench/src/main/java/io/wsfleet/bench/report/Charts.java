package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** Bar charts of a run (PNG, drawn headless with JFreeChart). */
final class Charts {

    private Charts() {
    }

    /**
     * One bar per (series, category): for example series = system, category = percentile.
     *
     * @param values series -> category -> value
     */
    static void bars(Path file, String title, String valueAxis, Map<String, Map<String, Double>> values) {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        values.forEach((series, byCategory) -> byCategory.forEach((category, value) ->
                dataset.addValue(value, series, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxis, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 480);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
