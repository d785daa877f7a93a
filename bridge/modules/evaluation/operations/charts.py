"""Small server-rendered SVG bar charts (no JavaScript, no external services)."""
from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 290
BAR_SPACE = 240
VALUE_WIDTH = 60


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float | int | None]], maximum: float | None = None,
              fmt: str = "{:g}") -> Markup:
    """Return an accessible horizontal bar chart of (label, value) rows as inline SVG."""
    values = [v for _, v in rows if v is not None]
    top = maximum or max(values, default=0) or 1
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_SPACE + VALUE_WIDTH
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="qser-chart" role="img" width="100%" '
             f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-title" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1, round(BAR_SPACE * value / top)) if value else 0
        text = "–" if value is None else fmt.format(value)
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12" '
                     f'fill="#212529">{escape(label)}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="#1f5f8b"/>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}" font-size="12" '
                     f'fill="#212529">{escape(text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


COLOURS = ("#1f5f8b", "#b5471b", "#2e7d32", "#6a1b9a", "#8d6e00", "#37474f")
PLOT_W, PLOT_H, PAD_L, PAD_B, LEGEND_W = 420, 200, 40, 30, 230


def _x(index: int, count: int) -> float:
    return PAD_L + (PLOT_W * index / max(count - 1, 1))


def _y(value: float, maximum: float) -> float:
    return 10 + PLOT_H * (1 - value / maximum)


def _series(index: int, label: str, values: list, maximum: float) -> list[str]:
    colour = COLOURS[index % len(COLOURS)]
    points = [(_x(i, len(values)), _y(v, maximum)) for i, v in enumerate(values) if v is not None]
    parts = [f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" '
             f'points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}"/>'] if len(points) > 1 else []
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>' for x, y in points]
    legend_y = 20 + index * 22
    parts.append(f'<rect x="{PAD_L + PLOT_W + 20}" y="{legend_y - 10}" width="14" height="4" fill="{colour}"/>'
                 f'<text x="{PAD_L + PLOT_W + 40}" y="{legend_y - 4}" font-size="12" fill="#212529">'
                 f'{escape(label)}</text>')
    return parts


def line_chart(chart_id: str, title: str, columns: list[str], series: list[tuple[str, list]],
               maximum: float = 5) -> Markup:
    """Return an accessible line chart (one line per series over the columns) as inline SVG."""
    width, height = PAD_L + PLOT_W + LEGEND_W, 10 + PLOT_H + PAD_B
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="qser-chart" role="img" width="100%" '
             f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-title" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for tick in range(1, int(maximum) + 1):
        y = _y(tick, maximum)
        parts.append(f'<line x1="{PAD_L}" x2="{PAD_L + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dee2e6"/>'
                     f'<text x="{PAD_L - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#212529">{tick}</text>')
    for index, column in enumerate(columns):
        parts.append(f'<text x="{_x(index, len(columns)):.1f}" y="{height - 8}" text-anchor="middle" '
                     f'font-size="11" fill="#212529">{escape(column)}</text>')
    for index, (label, values) in enumerate(series):
        parts += _series(index, label, values, maximum)
    parts.append("</svg>")
    return Markup("".join(parts))
