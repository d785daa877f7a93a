"""Small server-rendered SVG charts (no JavaScript, no external services).

Every label and value arrives formatted for the reader (bridge.core.i18n: "4,25" on a German page). The label
column of a bar chart grows with its longest label (up to a limit) and wraps longer labels onto several lines, and the line chart's
legend sits below the plot, one row per series, so German labels are never cut.
"""
from collections.abc import Callable

from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 10
LINE = 14  # height of one more label line
CHAR_WIDTH = 6.6  # average advance of a 12px sans-serif character
WIDTH = 640  # every bar chart has the same width, so its text has the same size on the page
VALUE_WIDTH = 70
MAX_LABEL_WIDTH = 300
MAX_LINES = 3


def _wrap(label: str, limit: int) -> list[str]:
    """Split a label into lines of at most `limit` characters at spaces (at most MAX_LINES, the last one
    shortened with … if the label is longer still)."""
    words, lines = label.split(), []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][:limit - 1].rstrip() + "…"
    return [line if len(line) <= limit else line[:limit - 1] + "…" for line in lines] or [""]


def _svg_open(chart_id: str, title: str, width: float, height: float) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="qser-chart" role="img" width="100%" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" aria-labelledby="{chart_id}-title" '
            f'preserveAspectRatio="xMinYMin meet">', f'<title id="{chart_id}-title">{escape(title)}</title>']


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float | int | None]], maximum: float | None = None,
              fmt: Callable[[float], str] = str) -> Markup:
    """Return an accessible horizontal bar chart of (label, value) rows as inline SVG; fmt formats the values."""
    values = [v for _, v in rows if v is not None]
    top = maximum or max(values, default=0) or 1
    longest = max((len(str(label)) for label, _ in rows), default=0)
    label_width = max(80, min(MAX_LABEL_WIDTH, longest * CHAR_WIDTH + 12))
    lines = [_wrap(str(label), int((label_width - 12) / CHAR_WIDTH)) for label, _ in rows]
    bar_space = WIDTH - label_width - VALUE_WIDTH
    row_height = [max(BAR_HEIGHT, LINE * len(ls) + 6) for ls in lines]
    height = sum(h + GAP for h in row_height) + GAP
    parts = _svg_open(chart_id, title, WIDTH, height)
    y = GAP
    for (label_lines, (_, value), row) in zip(lines, rows, row_height):
        length = max(1, round(bar_space * value / top)) if value else 0
        text = "–" if value is None else fmt(value)
        middle = y + row / 2
        first_y = middle + 4 - LINE * (len(label_lines) - 1) / 2
        spans = "".join(f'<tspan x="{label_width - 6:.0f}" y="{first_y + LINE * i:.0f}">{escape(line)}</tspan>'
                        for i, line in enumerate(label_lines))
        bar_y = middle - BAR_HEIGHT / 2
        parts.append(f'<text text-anchor="end" font-size="12" fill="#212529">{spans}</text>')
        parts.append(f'<rect x="{label_width:.0f}" y="{bar_y:.0f}" width="{length}" height="{BAR_HEIGHT}" '
                     f'fill="#1f5f8b"/>')
        parts.append(f'<text x="{label_width + length + 6:.0f}" y="{middle + 4:.0f}" font-size="12" '
                     f'fill="#212529">{escape(text)}</text>')
        y += row + GAP
    parts.append("</svg>")
    return Markup("".join(parts))


COLOURS = ("#1f5f8b", "#b5471b", "#2e7d32", "#6a1b9a", "#8d6e00", "#37474f")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2")  # told apart without colour, too
PLOT_W, PLOT_H, PAD_L, PAD_R, AXIS_H, LEGEND_ROW = 600, 200, 70, 24, 58, 20


def _x(index: int, count: int) -> float:
    return PAD_L + (PLOT_W * index / max(count - 1, 1))


def _y(value: float, maximum: float) -> float:
    return 10 + PLOT_H * (1 - value / maximum)


def _series(index: int, values: list, maximum: float) -> list[str]:
    colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    points = [(_x(i, len(values)), _y(v, maximum)) for i, v in enumerate(values) if v is not None]
    parts = [f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dashed} '
             f'points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}"/>'] if len(points) > 1 else []
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>' for x, y in points]
    return parts


def _legend(series: list[tuple[str, list]], top: float) -> list[str]:
    parts = []
    for index, (label, _) in enumerate(series):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        y = top + index * LEGEND_ROW
        parts.append(f'<line x1="{PAD_L}" x2="{PAD_L + 28}" y1="{y:.0f}" y2="{y:.0f}" stroke="{colour}" '
                     f'stroke-width="2.5"{dashed}/><text x="{PAD_L + 36}" y="{y + 4:.0f}" font-size="12" '
                     f'fill="#212529">{escape(label)}</text>')
    return parts


def line_chart(chart_id: str, title: str, columns: list[str], series: list[tuple[str, list]],
               maximum: float = 5, fmt: Callable[[float], str] = str) -> Markup:
    """Return an accessible line chart (one line per series over the columns, legend below) as inline SVG.

    columns are the x-axis labels, already formatted (slanted so twelve German months fit); fmt formats the
    y-axis ticks."""
    legend_top = 10 + PLOT_H + AXIS_H + 8
    width, height = PAD_L + PLOT_W + PAD_R, legend_top + len(series) * LEGEND_ROW + 4
    parts = _svg_open(chart_id, title, width, height)
    for tick in range(1, int(maximum) + 1):
        y = _y(tick, maximum)
        parts.append(f'<line x1="{PAD_L}" x2="{PAD_L + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dee2e6"/>'
                     f'<text x="{PAD_L - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="#212529">{escape(fmt(tick))}</text>')
    base = 10 + PLOT_H + 14
    for index, column in enumerate(columns):
        x = _x(index, len(columns))
        parts.append(f'<text x="{x:.1f}" y="{base}" text-anchor="end" font-size="11" fill="#212529" '
                     f'transform="rotate(-35 {x:.1f} {base})">{escape(column)}</text>')
    for index, (_, values) in enumerate(series):
        parts += _series(index, values, maximum)
    parts += _legend(series, legend_top)
    parts.append("</svg>")
    return Markup("".join(parts))
