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
