"""Inline SVG charts drawn on the server: no JavaScript, nothing fetched from the network.

Every text is escaped before it goes into the markup; the result is marked safe for templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tdkt.movements.scoring import CAP

WIDTH = 760
LABEL_W = 250
BAR_W = WIDTH - LABEL_W - 180  # room after the bar for "1.100 / 1.250 triệu đồng"
ROW_H = 26
GOOD, FAIR, POOR, PLAN = "#1f7a3a", "#a05a00", "#b3161b", "#1d232a"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal  # the bar's length as a share of the scale (0–1)
    text: str  # printed after the bar
    colour: str = "#0b5cad"
    title: str = ""  # tooltip


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _frame(title: str, height: int, body: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart movement-chart" role="img" viewBox="0 0 {WIDTH} {height}"'
        f' xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def bar_chart(title: str, bars: Sequence[Bar], *, plan_at: Decimal | None = None) -> SafeString:
    """Horizontal bars, one a row; `plan_at` draws the plan line at that share of the scale."""
    height = ROW_H * len(bars) + 22
    parts = []
    for index, bar in enumerate(bars):
        y = 6 + index * ROW_H
        length = max(Decimal(0), min(bar.value, Decimal(1))) * BAR_W
        tooltip = (
            f"<title>{escape(bar.title or bar.label)}</title>" if (bar.title or bar.label) else ""
        )
        label = escape(_short(bar.label))
        parts.append(
            f'<g>{tooltip}<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end">{label}</text>'
            f'<rect x="{LABEL_W}" y="{y + 2}" width="{BAR_W}" height="16" fill="#e7ecf2"/>'
            f'<rect x="{LABEL_W}" y="{y + 2}" width="{length:.1f}" height="16"'
            f' fill="{bar.colour}"/>'
            f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 14}">{escape(bar.text)}</text></g>'
        )
    if plan_at is not None:
        x = LABEL_W + float(plan_at) * BAR_W
        bottom = 6 + ROW_H * len(bars)
        parts.append(
            f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{bottom}" stroke="{PLAN}"'
            f' stroke-dasharray="4 3"/>'
            f'<text x="{x:.1f}" y="{bottom + 12}" text-anchor="middle" font-size="11">'
            f"{escape(PLAN_LABEL)}</text>"
        )
    return _frame(title, height, "".join(parts))


PLAN_LABEL = "100 %"


def ratio_colour(ratio: Decimal | None) -> str:
    if ratio is None:
        return POOR
    if ratio >= 1:
        return GOOD
    if ratio >= Decimal("0.8"):
        return FAIR
    return POOR


def target_bars(rows: Sequence[tuple[str, Decimal | None, str]]) -> list[Bar]:
    """(label, achievement ratio or None, text) → bars on a scale up to CAP, so that the plan
    sits at 1/CAP of the width and exceeding it shows."""
    return [
        Bar(label, (ratio or Decimal(0)) / CAP, text, ratio_colour(ratio), title=f"{label}: {text}")
        for label, ratio, text in rows
    ]


def gauge(title: str, share: Decimal | None, text: str) -> SafeString:
    """One wide bar for an overall completion (0–1)."""
    value = share or Decimal(0)
    width = WIDTH - 20
    filled = max(Decimal(0), min(value, Decimal(1))) * width
    colour = ratio_colour(value if share is not None else None)
    body = (
        f'<rect x="10" y="8" width="{width}" height="26" fill="#e7ecf2" rx="3"/>'
        f'<rect x="10" y="8" width="{filled:.1f}" height="26" fill="{colour}" rx="3"/>'
        f'<text x="{WIDTH / 2:.0f}" y="26" text-anchor="middle" font-size="14" font-weight="bold"'
        f' fill="#1d232a">{escape(text)}</text>'
    )
    return _frame(title, 42, body)
