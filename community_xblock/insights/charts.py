"""Small inline SVG charts with text alternatives; each is shown next to a table of the same numbers.

No charting library and nothing fetched: a chart is a string of SVG with a <title> and a <desc>, referenced by
``aria-labelledby`` so screen readers announce it, and sized by its viewBox so it shrinks to a 320 px screen.
"""
from html import escape
from itertools import count

WIDTH = 600
BAR_HEIGHT = 22
LABEL_WIDTH = 220
COLOURS = ["#0b5cad", "#a3161d", "#1a6630", "#8a4600", "#6b3fa0"]
_ids = count()


def bar_chart(title, description, items):
    """Horizontal bars: ``items`` is a list of (label, value)."""
    chart_id = f"cx-chart-{next(_ids)}"
    peak = max((value for _label, value in items), default=0) or 1
    height = max(1, len(items)) * (BAR_HEIGHT + 6) + 10
    rows = []
    for index, (label, value) in enumerate(items):
        y = 5 + index * (BAR_HEIGHT + 6)
        width = (WIDTH - LABEL_WIDTH - 50) * value / peak
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="13">{escape(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{COLOURS[0]}"/>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 15}" font-size="13">{value}</text>'
        )
    return _svg(chart_id, title, description, height, "".join(rows))


def line_chart(title, description, labels, series):
    """One line per series over the ``labels`` (weeks); ``series`` maps a name to its values."""
    chart_id = f"cx-chart-{next(_ids)}"
    height, left, bottom, top = 220, 40, 30, 10
    peak = max((max(values, default=0) for values in series.values()), default=0) or 1
    steps = max(1, len(labels) - 1)
    plot_width = WIDTH - left - 120

    def point(index, value):
        x = left + plot_width * index / steps
        y = top + (height - top - bottom) * (1 - value / peak)
        return f"{x:.1f},{y:.1f}"

    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{left + plot_width}" y2="{height - bottom}" '
             f'stroke="#4d5560"/>',
             f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" font-size="12">{peak}</text>',
             f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" font-size="12">0</text>']
    if labels:
        parts.append(f'<text x="{left}" y="{height - 8}" font-size="12">{escape(labels[0])}</text>')
        parts.append(f'<text x="{left + plot_width}" y="{height - 8}" text-anchor="end" font-size="12">'
                     f'{escape(labels[-1])}</text>')
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        points = [point(i, value) for i, value in enumerate(values)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>')
        # Dots too: a single week draws no line.
        parts.extend(f'<circle cx="{xy.split(",")[0]}" cy="{xy.split(",")[1]}" r="3" fill="{colour}"/>'
                     for xy in points)
        parts.append(f'<rect x="{WIDTH - 110}" y="{top + index * 20}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{WIDTH - 94}" y="{top + index * 20 + 11}" font-size="12">{escape(name)}</text>')
    return _svg(chart_id, title, description, height, "".join(parts))


def _svg(chart_id, title, description, height, body):
    return (f'<svg class="cx-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet">'
            f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
            f"{body}</svg>")


def _short(label, limit=32):
    return label if len(label) <= limit else label[:limit - 1] + "…"
