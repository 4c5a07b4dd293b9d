package io.jenkins.plugins.buildkit.jenkins;

import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link BuildTimeline} as an SVG on the server: one row per step, its name on the left and
 * a bar over time on the right, coloured by how it ended; hovering a row shows its duration, error
 * and last log lines (an SVG {@code <title>}), so the picture needs no script and no download. The
 * colours are presentation attributes, not styles, which a Content-Security-Policy would block.
 */
final class TimelineSvg {
    static final int WIDTH = 960;
    static final int LABEL_WIDTH = 360;
    static final int ROW_HEIGHT = 20;
    static final int AXIS_HEIGHT = 22;
    static final int LEGEND_HEIGHT = 24;
    static final int LABEL_CHARS = 56;

    private TimelineSvg() {
    }

    static String colour(BuildTimeline.State state) {
        return switch (state) {
            case CACHED -> "#5b7db1";
            case ERROR -> "#c62828";
            case CANCELLED -> "#e0a000";
            case RUN -> "#2e7d32";
        };
    }

    static String render(BuildTimeline timeline) {
        List<BuildTimeline.Step> steps = timeline.getSteps();
        long span = Math.max(1, timeline.getSpanMillis());
        int barArea = WIDTH - LABEL_WIDTH - 10;
        int height = AXIS_HEIGHT + steps.size() * ROW_HEIGHT + LEGEND_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"buildkit-timeline\" role=\"img\" width=\"").append(WIDTH)
                // a fixed size: inside the build page's summary cell a relative width would shrink it to nothing
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" font-family=\"sans-serif\"")
                .append(" font-size=\"12\" aria-label=\"BuildKit build timeline\">");
        for (int tick = 0; tick <= 4; tick++) {
            double x = LABEL_WIDTH + barArea * tick / 4.0;
            svg.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(AXIS_HEIGHT - 4).append("\" x2=\"").append(num(x))
                    .append("\" y2=\"").append(height - LEGEND_HEIGHT).append("\" stroke=\"#ccc\"/>");
            svg.append("<text x=\"").append(num(x)).append("\" y=\"14\" text-anchor=\"").append(tick == 4 ? "end" : "middle")
                    .append("\" fill=\"#666\">").append(escape(BuildTimeline.describeDuration(span * tick / 4))).append("</text>");
        }
        int y = AXIS_HEIGHT;
        boolean shaded = true;
        for (BuildTimeline.Step s : steps) {
            double x = LABEL_WIDTH + (double) barArea * s.getStartMillis() / span;
            double w = Math.max(2, (double) barArea * s.getDurationMillis() / span);
            svg.append("<g class=\"buildkit-step\" data-state=\"").append(s.getState().name().toLowerCase(Locale.ROOT)).append("\">");
            svg.append("<title>").append(escape(tooltip(s))).append("</title>");
            svg.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(WIDTH).append("\" height=\"").append(ROW_HEIGHT)
                    .append("\" fill=\"").append(shaded ? "#f6f6f6" : "#ffffff").append("\"/>");
            svg.append("<text class=\"buildkit-step-name\" x=\"4\" y=\"").append(y + 14).append("\">")
                    .append(escape(shorten(s.getName(), LABEL_CHARS))).append("</text>");
            svg.append("<rect class=\"buildkit-bar\" x=\"").append(num(x)).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(ROW_HEIGHT - 6).append("\" rx=\"2\" fill=\"")
                    .append(colour(s.getState())).append("\"/>");
            svg.append("</g>");
            y += ROW_HEIGHT;
            shaded = !shaded;
        }
        int x = 4;
        for (BuildTimeline.State state : BuildTimeline.State.values()) {
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y + 8).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(colour(state)).append("\"/>");
            String label = label(state);
            svg.append("<text x=\"").append(x + 16).append("\" y=\"").append(y + 18).append("\">").append(label).append("</text>");
            x += 30 + label.length() * 7;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    static String label(BuildTimeline.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static String tooltip(BuildTimeline.Step s) {
        StringBuilder t = new StringBuilder(s.getName()).append('\n').append(label(s.getState())).append(", ")
                .append(BuildTimeline.describeDuration(s.getDurationMillis()));
        if (s.getError() != null) {
            t.append("\nerror: ").append(s.getError());
        }
        for (String line : s.getLastLines()) {
            t.append("\n> ").append(line);
        }
        return t.toString();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text and attribute content: the step names and log lines are the build's, not ours. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // XML 1.0 has no place for most control characters; a log line may hold them.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
