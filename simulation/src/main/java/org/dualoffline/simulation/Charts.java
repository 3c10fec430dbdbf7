package org.dualoffline.simulation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn by JFreeChart into SVG (JFreeSVG): plain files a browser shows with
 * no network and no script. Colours are fixed per series, so two reports read alike.
 */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 380;
    private static final Color[] PALETTE = {new Color(0x2e7d32), new Color(0xc62828), new Color(0xef6c00), new Color(0x6a1b9a),
            new Color(0x1565c0), new Color(0xad1457), new Color(0x00838f), new Color(0x4e342e), new Color(0xf9a825), new Color(0x546e7a),
            new Color(0x9e9d24)};

    private Charts() {}

    /** Stacked bars, one stack per x, one layer per series (in the map's order). */
    static String stackedBars(String title, String xLabel, String yLabel, Map<String, double[]> series, double xStart) {
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, false);
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                s.add(xStart + i, v[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYBarChart(title, xLabel, false, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        StackedXYBarRenderer r = new StackedXYBarRenderer(0.1);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        plot.setRenderer(r);
        integerAxis(plot);
        return svg(style(chart));
    }

    /** Lines over x; {@code percent} puts the y axis from 0 to 100. */
    static String lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series, boolean percent) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            double[] v = e.getValue();
            for (int i = 0; i < v.length && i < x.length; i++) {
                s.add(x[i], v[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(r);
        if (percent) {
            ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        }
        return svg(style(chart));
    }

    /** Bars for named values (one series). */
    static String bars(String title, String yLabel, Map<String, Double> values) {
        org.jfree.data.category.DefaultCategoryDataset data = new org.jfree.data.category.DefaultCategoryDataset();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            data.addValue(e.getValue(), yLabel, e.getKey());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, yLabel, data, PlotOrientation.VERTICAL, false, false, false);
        org.jfree.chart.renderer.category.BarRenderer r = (org.jfree.chart.renderer.category.BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, PALETTE[4]);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(new Color(0xdddddd));
        return svg(styleTitle(chart));
    }

    /** Two bars per name: before and after. */
    static String beforeAfter(String title, String yLabel, Map<String, long[]> values) {
        org.jfree.data.category.DefaultCategoryDataset data = new org.jfree.data.category.DefaultCategoryDataset();
        for (Map.Entry<String, long[]> e : values.entrySet()) {
            data.addValue(e.getValue()[0] / 100.0, "before the storm", e.getKey());
            data.addValue(e.getValue()[1] / 100.0, "after the storm", e.getKey());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        org.jfree.chart.renderer.category.BarRenderer r = (org.jfree.chart.renderer.category.BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, PALETTE[9]);
        r.setSeriesPaint(1, PALETTE[4]);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(new Color(0xdddddd));
        return svg(styleTitle(chart));
    }

    private static void integerAxis(XYPlot plot) {
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }

    private static JFreeChart style(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return styleTitle(chart);
    }

    private static JFreeChart styleTitle(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        return chart;
    }

    private static String svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument();
    }

    /**
     * Draws a small chart and throws {@link IllegalStateException} with the fix when it cannot: the
     * charts measure their text with the JDK's fonts, which a machine without any font lacks. Run
     * before a simulation, so that a long run does not fail at its report.
     */
    static void preflight() {
        try {
            Map<String, double[]> one = new LinkedHashMap<>();
            one.put("check", new double[] {1, 2});
            lines("check", "x", "y", new double[] {1, 2}, one, false);
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("the report's charts cannot be drawn (" + e + "): the JDK finds no font; "
                    + "install one, e.g. apt-get install fonts-dejavu-core fontconfig", e);
        }
    }

    /** A map in insertion order, for chart series. */
    static <V> Map<String, V> ordered() {
        return new LinkedHashMap<>();
    }
}
