"""Charts drawn on the server as inline SVG: no JavaScript, no library, nothing fetched.

Each function returns markup safe for a template; every text in it is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
BLUE, RED, GREEN, AMBER, GREY = "#0b5cad", "#b3161b", "#1f7a3a", "#a05a00", "#5b6570"
FONT_COLUMNS = 18  # the column charts are drawn half-width on the page


@dataclass(frozen=True)
class Segment:
    name: str
    value: int
    colour: str


@dataclass(frozen=True)
class Column:
    label: str
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


@dataclass(frozen=True)
class Line:
    name: str
    values: tuple[float | None, ...]  # one per label; None: no data that year
    colour: str


def _svg(title: str, height: int, body: str, font: int = 12) -> SafeString:
    # Every text in `body` is escaped by the functions below.
    return mark_safe(
        f'<svg class="chart report-chart" role="img" viewBox="0 0 {WIDTH} {height}"'
        f' xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="{font}">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _legend(items: Sequence[tuple[str, str]], y: int, font: int = 12) -> tuple[str, int]:
    """The legend from baseline `y`, an item moving to a new row when it would run past the
    right edge (Vietnamese names are long); returns the markup and the height of the rows
    added below the first, which the chart grows by."""
    parts, x, row = [], 10, 0
    line = round(font * 1.5)
    for name, colour in items:
        width = 2 * font + round(0.6 * font * len(name))  # an estimate: no font metrics here
        if x > 10 and x + width > WIDTH:
            x, row = 10, row + 1
        base = y + row * line
        parts.append(
            f'<rect x="{x}" y="{base - font + 2}" width="{font}" height="{font}" fill="{colour}"/>'
            f'<text x="{x + font + 4}" y="{base}" data-legend-row="{row}">{escape(name)}</text>'
        )
        x += width
    return "".join(parts), row * line


def stacked_columns(title: str, columns: Sequence[Column], *, height: int = 300) -> SafeString:
    """Vertical columns (one per year), each stacked from its segments, total on top."""
    if not columns:
        return _svg(title, 40, f'<text x="10" y="24">{escape(title)}</text>')
    top, bottom = 30, height - 56
    peak = max((c.total for c in columns), default=0) or 1
    step = (WIDTH - 60) // len(columns)  # the columns share the whole width
    bar = min(int(step * 0.6), 90)
    parts = [f'<line x1="30" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" stroke="{GREY}"/>']
    for index, column in enumerate(columns):
        x = 40 + index * step + (step - bar) // 2
        y = bottom
        tip = " · ".join(f"{s.name}: {s.value}" for s in column.segments)
        label = escape(column.label)
        parts.append(f'<g data-label="{label}"><title>{label}: {escape(tip)}</title>')
        for segment in column.segments:
            h = round(segment.value * (bottom - top) / peak)
            y -= h
            parts.append(
                f'<rect x="{x}" y="{y}" width="{bar}" height="{h}" fill="{segment.colour}"'
                f' data-series="{escape(segment.name)}" data-value="{segment.value}"/>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.0f}" y="{y - 4}" text-anchor="middle">{column.total}</text>'
            f'<text x="{x + bar / 2:.0f}" y="{bottom + 20}" text-anchor="middle">{label}</text></g>'
        )
    names = []
    for column in columns:
        for segment in column.segments:
            if (segment.name, segment.colour) not in names:
                names.append((segment.name, segment.colour))
    legend, extra = _legend(names, height - 8, FONT_COLUMNS)
    parts.append(legend)
    return _svg(title, height + extra, "".join(parts), FONT_COLUMNS)


def percent_lines(
    title: str,
    labels: Sequence[str],
    lines: Sequence[Line],
    goals: Sequence[tuple[str, float, str]] = (),
    *,
    height: int = 240,
) -> SafeString:
    """Shares (0–100 %) over the years, with the goals as dashed horizontal lines."""
    top, bottom, left, right = 16, height - 44, 44, WIDTH - 16
    count = max(len(labels), 1)
    step = (right - left) / max(count - 1, 1)

    def x_at(i: int) -> float:
        return left + (i * step if count > 1 else (right - left) / 2)

    def y_at(value: float) -> float:
        return bottom - (bottom - top) * max(0.0, min(value, 100.0)) / 100

    parts = []
    for mark in (0, 25, 50, 75, 100):
        y = y_at(mark)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#e7ecf2"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{mark} %</text>'
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{bottom + 16}" text-anchor="middle">{escape(label)}</text>'
        )
    for goal, value, colour in goals:
        y, name = y_at(value), escape(goal)
        parts.append(
            f'<g data-goal="{name}" data-value="{value:g}">'
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{colour}"'
            f' stroke-dasharray="6 4"/><title>{name}: {value:g} %</title></g>'
        )
    for line in lines:
        points = [(x_at(i), y_at(v), v) for i, v in enumerate(line.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{line.colour}" stroke-width="2"/>'
            )
        for x, y, v in points:
            name = escape(line.name)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{line.colour}"'
                f' data-series="{name}" data-value="{v:g}"><title>{name}: {v:g} %</title></circle>'
            )
    legend = [(line.name, line.colour) for line in lines] + [
        (f"{n} ({v:g} %)", c) for n, v, c in goals
    ]
    legend_markup, extra = _legend(legend, height - 8)
    parts.append(legend_markup)
    return _svg(title, height + extra, "".join(parts))


def funnel(title: str, stages: Sequence[tuple[str, int]]) -> SafeString:
    """One centred bar per stage, narrowing with the count."""
    row = 30
    height = row * len(stages) + 10
    peak = max((n for _label, n in stages), default=0) or 1
    parts = []
    for index, (label, n) in enumerate(stages):
        width = max(2, round((WIDTH - 320) * n / peak))
        x = 300 + (WIDTH - 320 - width) / 2
        y = 5 + index * row
        name = escape(label)
        parts.append(
            f'<g data-stage="{name}" data-value="{n}">'
            f'<text x="290" y="{y + 17}" text-anchor="end">{name}</text>'
            f'<rect x="{x:.1f}" y="{y}" width="{width}" height="22" fill="{BLUE}" rx="2"/>'
            f'<text x="{WIDTH - 4}" y="{y + 17}" text-anchor="end">{n}</text></g>'
        )
    return _svg(title, height, "".join(parts))
