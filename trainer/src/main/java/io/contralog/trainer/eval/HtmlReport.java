package io.contralog.trainer.eval;

import io.contralog.model.score.MessageScore;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.score.Threshold;
import io.contralog.model.session.Sequence;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes one self-contained HTML file: the figures of every detector, ROC and precision-recall curves, histograms
 * of the scores of normal and anomalous sequences with both thresholds marked, and the most anomalous sequences
 * with, for each of their worst messages, its two scores and the nearest normal message. Plots are PNG images
 * embedded as base64, so the file opens anywhere without a network.
 */
public final class HtmlReport {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    private static final int BINS = 40;
    private static final int TOP_SEQUENCES = 20;
    private static final int TOP_MESSAGES = 5;

    private HtmlReport() {
    }

    /**
     * Writes the report.
     *
     * @param file      where to write
     * @param title     the heading (what was evaluated)
     * @param notes     lines shown under the heading (input, protocol, counts)
     * @param test      the scored test sequences
     * @param threshold the model's threshold (both methods are marked)
     * @param results   the figures of every detector
     */
    public static void write(Path file, String title, List<String> notes, ScoredSet test, Threshold threshold,
                             List<DetectorResult> results) throws IOException {
        System.setProperty("java.awt.headless", "true");
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(esc(title)).append("</h1>\n<ul>");
        for (String note : notes) {
            html.append("<li>").append(esc(note)).append("</li>");
        }
        html.append("<li>written ").append(Instant.now()).append("</li></ul>\n");
        appendResults(html, results);
        boolean[] labels = test.labels();
        html.append("<h2>Curves</h2>\n<div class=\"plots\">");
        html.append(image(rocChart(test, labels))).append(image(prChart(test, labels)));
        html.append(image(histogram(test.fused(), labels, threshold))).append("</div>\n");
        appendTop(html, test);
        html.append("</body></html>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void appendResults(StringBuilder html, List<DetectorResult> results) {
        html.append("<h2>Figures</h2>\n<table><tr><th>detector</th><th>threshold</th><th>precision</th>")
            .append("<th>recall</th><th>F1</th><th>AUROC</th><th>sequences</th><th>anomalous</th></tr>\n");
        for (DetectorResult r : results) {
            Metrics m = r.metrics();
            html.append("<tr><td>").append(esc(r.detector())).append("</td><td>").append(esc(r.threshold()))
                .append("</td><td>").append(Metrics.fmt(m.precision())).append("</td><td>")
                .append(Metrics.fmt(m.recall())).append("</td><td>").append(Metrics.fmt(m.f1())).append("</td><td>")
                .append(Metrics.fmt(m.auroc())).append("</td><td>").append(m.sessions()).append("</td><td>")
                .append(m.anomalous()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void appendTop(StringBuilder html, ScoredSet test) {
        html.append("<h2>Most anomalous sequences</h2>\n");
        for (int index : test.top(TOP_SEQUENCES)) {
            ScoredSequence scored = test.scored().get(index);
            Sequence sequence = test.sequences().get(index).sequence();
            html.append("<div class=\"seq\"><p><b>").append(String.format(Locale.ROOT, "score %.3f", scored.score()))
                .append("</b> (threshold ").append(String.format(Locale.ROOT, "%.3f", scored.threshold()))
                .append(") &middot; ").append(test.sequences().get(index).anomalous() ? "labelled anomalous"
                    : "labelled normal")
                .append(" &middot; service ").append(esc(sequence.service())).append(" &middot; key ")
                .append(esc(sequence.key().isEmpty() ? "(window)" : sequence.key())).append(" &middot; ")
                .append(sequence.size()).append(" messages from ").append(instant(sequence.startTs()))
                .append("</p>\n<table><tr><th>#</th><th>message</th><th>in context</th><th>context-free</th>")
                .append("<th>nearest normal message</th></tr>\n");
            for (MessageScore m : scored.mostAnomalous(TOP_MESSAGES)) {
                html.append("<tr><td>").append(m.position()).append("</td><td>").append(esc(m.text()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", m.inContext())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", m.contextFree())).append("</td><td>")
                    .append(esc(m.nearestNormal() == null ? "" : m.nearestNormal())).append("</td></tr>\n");
            }
            html.append("</table></div>\n");
        }
    }

    private static XYChart rocChart(ScoredSet test, boolean[] labels) {
        XYChart chart = chart("ROC", "false-positive rate", "true-positive rate");
        addCurve(chart, "model", Curves.roc(test.fused(), labels));
        addCurve(chart, "context-free", Curves.roc(test.contextFree(), labels));
        addCurve(chart, "in-context", Curves.roc(test.inContext(), labels));
        return chart;
    }

    private static XYChart prChart(ScoredSet test, boolean[] labels) {
        XYChart chart = chart("Precision-recall", "recall", "precision");
        addCurve(chart, "model", Curves.precisionRecall(test.fused(), labels));
        addCurve(chart, "context-free", Curves.precisionRecall(test.contextFree(), labels));
        addCurve(chart, "in-context", Curves.precisionRecall(test.inContext(), labels));
        return chart;
    }

    private static XYChart histogram(double[] scores, boolean[] labels, Threshold threshold) {
        XYChart chart = chart("Fused score", "score", "sequences");
        double max = threshold.percentileValue();
        for (double s : scores) {
            max = Math.max(max, s);
        }
        max = Math.max(max, threshold.value()) * 1.05 + 1e-9;
        double[] normal = new double[BINS];
        double[] anomalous = new double[BINS];
        double[] centres = new double[BINS];
        double width = max / BINS;
        for (int i = 0; i < scores.length; i++) {
            int bin = Math.min(BINS - 1, (int) Math.max(0, scores[i] / width));
            (labels[i] ? anomalous : normal)[bin]++;
        }
        double peak = 1;
        for (int b = 0; b < BINS; b++) {
            centres[b] = (b + 0.5) * width;
            peak = Math.max(peak, Math.max(normal[b], anomalous[b]));
        }
        chart.addSeries("normal", centres, normal).setMarker(SeriesMarkers.NONE);
        chart.addSeries("anomalous", centres, anomalous).setMarker(SeriesMarkers.NONE);
        vertical(chart, "threshold (" + threshold.method() + ")", threshold.value(), peak);
        vertical(chart, "threshold (percentile)", threshold.percentileValue(), peak);
        return chart;
    }

    private static void vertical(XYChart chart, String name, double x, double peak) {
        if (chart.getSeriesMap().containsKey(name) || Double.isNaN(x)) {
            return;
        }
        XYSeries series = chart.addSeries(name, new double[] {x, x}, new double[] {0, peak});
        series.setMarker(SeriesMarkers.NONE);
    }

    private static XYChart chart(String title, String x, String y) {
        return new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    }

    private static void addCurve(XYChart chart, String name, List<double[]> points) {
        if (points.isEmpty()) {
            return;
        }
        List<Double> xs = new ArrayList<>(points.size());
        List<Double> ys = new ArrayList<>(points.size());
        for (double[] p : points) {
            xs.add(p[0]);
            ys.add(p[1]);
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }

    private static String image(XYChart chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"" + esc(chart.getTitle()) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">";
        } catch (IOException e) {
            return "<p>(plot " + esc(chart.getTitle()) + " could not be drawn: " + esc(e.getMessage()) + ")</p>";
        }
    }

    private static String instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos,
            1_000_000_000L)).toString();
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:80em}"
        + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;"
        + "text-align:left;vertical-align:top}td{max-width:40em;overflow-wrap:anywhere}"
        + ".plots img{margin:.5em}.seq{border-top:1px solid #888;margin-top:1em}";
}
