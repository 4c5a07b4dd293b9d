package io.jenkins.plugins.buildkit.jenkins;

import java.util.List;

/**
 * Draws a {@link BuildKitTrend} as small SVG line charts on the server, one per measure; each
 * build's point links to the build and says its value on hover. No script, no download.
 */
final class TrendSvg {
    static final int WIDTH = 300;
    static final int HEIGHT = 140;
    static final int MARGIN_LEFT = 44;
    static final int MARGIN_TOP = 22;
    static final int MARGIN_BOTTOM = 18;

    private TrendSvg() {
    }

    /** One chart per measure; {@code rootUrl} is Jenkins's, to which the builds' URLs are relative. */
    static String render(BuildKitTrend trend, String rootUrl) {
        StringBuilder charts = new StringBuilder();
        for (BuildKitTrend.Series series : trend.series()) {
            charts.append(chart(series, trend.points(), rootUrl));
        }
        return charts.toString();
    }

    private static String chart(BuildKitTrend.Series series, List<BuildKitTrend.Point> builds, String rootUrl) {
        List<Double> values = series.values();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if ("%".equals(series.unit()) || max <= 0) {
            max = "%".equals(series.unit()) ? 100 : 1;
        }
        int plotWidth = WIDTH - MARGIN_LEFT - 10;
        int plotHeight = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"buildkit-trend\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\" aria-label=\"").append(TimelineSvg.escape(series.title()))
                .append("\">");
        svg.append("<text x=\"").append(MARGIN_LEFT).append("\" y=\"14\" font-weight=\"bold\">").append(TimelineSvg.escape(series.title()))
                .append(" (").append(TimelineSvg.escape(series.unit())).append(")</text>");
        int bottom = MARGIN_TOP + plotHeight;
        svg.append("<line x1=\"").append(MARGIN_LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH - 10)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#999\"/>");
        svg.append("<text x=\"").append(MARGIN_LEFT - 4).append("\" y=\"").append(MARGIN_TOP + 4).append("\" text-anchor=\"end\" fill=\"#666\">")
                .append(TimelineSvg.escape(label(max))).append("</text>");
        svg.append("<text x=\"").append(MARGIN_LEFT - 4).append("\" y=\"").append(bottom).append("\" text-anchor=\"end\" fill=\"#666\">0</text>");
        double step = values.size() > 1 ? (double) plotWidth / (values.size() - 1) : 0;
        StringBuilder line = new StringBuilder();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double x = MARGIN_LEFT + (values.size() > 1 ? step * i : plotWidth / 2.0);
            double y = bottom - plotHeight * Math.min(1, values.get(i) / max);
            line.append(line.length() == 0 ? "" : " ").append(TimelineSvg.num(x)).append(',').append(TimelineSvg.num(y));
            points.append("<a class=\"buildkit-trend-point\" href=\"").append(TimelineSvg.escape(rootUrl + "/" + builds.get(i).url())).append("\">")
                    .append("<circle cx=\"").append(TimelineSvg.num(x)).append("\" cy=\"").append(TimelineSvg.num(y))
                    .append("\" r=\"4\" fill=\"#1565c0\"><title>").append(TimelineSvg.escape(series.labels().get(i)))
                    .append("</title></circle></a>");
        }
        if (!values.isEmpty()) {
            svg.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"").append(line).append("\"/>");
            svg.append("<text x=\"").append(MARGIN_LEFT).append("\" y=\"").append(HEIGHT - 4).append("\" fill=\"#666\">#")
                    .append(builds.get(0).number()).append("</text>");
            svg.append("<text x=\"").append(WIDTH - 10).append("\" y=\"").append(HEIGHT - 4).append("\" text-anchor=\"end\" fill=\"#666\">#")
                    .append(builds.get(builds.size() - 1).number()).append("</text>");
        }
        svg.append(points).append("</svg>");
        return svg.toString();
    }

    private static String label(double max) {
        return max >= 10 ? String.valueOf(Math.round(max)) : String.format(java.util.Locale.ROOT, "%.1f", max);
    }
}
