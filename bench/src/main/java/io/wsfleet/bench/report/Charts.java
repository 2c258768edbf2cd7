package io.wsfleet.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Charts of a run (PNG, drawn headless with JFreeChart). */
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
        save(file, ChartFactory.createBarChart(title, null, valueAxis, dataset, PlotOrientation.VERTICAL,
                true, false, false));
    }

    /**
     * One line per series over a numeric x axis: for example a reading over minutes of a run.
     *
     * @param values series -> points, each {@code {x, y}}
     */
    static void lines(Path file, String title, String xAxis, String valueAxis, Map<String, List<double[]>> values) {
        lines(file, title, xAxis, valueAxis, values, Map.of());
    }

    /**
     * Lines as above, with a labelled vertical line at each mark: for example where each phase of a run began.
     *
     * @param marks label -> x
     */
    static void lines(Path file, String title, String xAxis, String valueAxis, Map<String, List<double[]>> values,
                      Map<String, Double> marks) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection dataset = new XYSeriesCollection();
        values.forEach((name, points) -> {
            XYSeries series = new XYSeries(name, false);
            points.forEach(point -> series.add(point[0], point[1]));
            dataset.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xAxis, valueAxis, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        marks.forEach((label, x) -> {
            ValueMarker marker = new ValueMarker(x, Color.GRAY, new BasicStroke(1));
            marker.setLabel(label);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            chart.getXYPlot().addDomainMarker(marker);
        });
        save(file, chart);
    }

    private static void save(Path file, JFreeChart chart) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 480);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
