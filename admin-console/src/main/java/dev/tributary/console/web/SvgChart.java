package dev.tributary.console.web;

import java.util.List;
import java.util.Locale;

/** A small line chart as inline SVG, drawn on the server: it needs no script and reads with JavaScript off. */
public final class SvgChart {

    private static final int WIDTH = 480;
    private static final int HEIGHT = 120;

    private SvgChart() {
    }

    public static String line(String title, List<Double> values) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" aria-label=\"").append(escape(title)).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" class=\"chart\"><title>").append(escape(title)).append("</title>")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#f6f8fa\" stroke=\"#ccc\"/>");
        if (values.size() < 2) {
            svg.append("<text x=\"10\" y=\"60\" font-size=\"13\">Not enough samples yet: the console samples every 30 s.</text>");
        } else {
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            max = max <= 0 ? 1 : max;
            svg.append("<polyline fill=\"none\" stroke=\"#0a5bd3\" stroke-width=\"2\" points=\"");
            for (int i = 0; i < values.size(); i++) {
                double x = 5 + (WIDTH - 10) * i / (double) (values.size() - 1);
                double y = HEIGHT - 15 - (HEIGHT - 30) * values.get(i) / max;
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("\"/><text x=\"5\" y=\"12\" font-size=\"11\">max ")
                    .append(String.format(Locale.ROOT, "%.0f", max)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
