"""Inline SVG charts for the HTML report: pure functions from prepared rows to markup.

Each chart is one ``<svg role="img">`` with a ``<title>``, an ``aria-label`` that reads the
chart's figures out, a ``chart-*`` class, and a ``viewBox`` instead of a pixel size, so that
it scales with the page; colours come from the page's style sheet (classes), apart from the
languages' own colours. Nothing is loaded: no fonts, no images, no scripts.

Every text that goes in (labels, notes, shown values) is escaped with
:func:`markupsafe.escape`; a colour is used only when it is a hex colour (``#rgb`` or
``#rrggbb``). The result is :class:`~markupsafe.Markup` because it is assembled from those
escaped parts and from numbers and names this module writes itself. With nothing to plot,
a chart is ``None``: the page says so in words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

WIDTH = 640
_LABEL_X = 170  # right edge of the labels column
_PLOT_X0 = 180
_PLOT_X1 = 560  # bar charts: the values are written after the bar, up to WIDTH
_TIMELINE_X1 = 620
_ROW = 22
_BAR = 14
_LABEL_CHARS = 24
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: ``value`` (not negative) sets its length relative to the longest bar,
    ``shown`` is the value as written beside it, ``note`` the tooltip. ``color`` is a hex
    colour, or ``None`` for the chart's own."""

    label: str
    value: float
    shown: str
    note: str
    color: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """One release cycle on the end-of-life timeline.

    The bar runs from the left edge of the time axis to ``end_of_life``; the part after
    ``active_until`` (when known) is drawn lighter, as security support only. ``severity``
    (a :class:`~scanner.model.Severity` value) picks the colour, ``note`` is the tooltip.
    ``evaluated_for`` is the day the release data was evaluated for.
    """

    label: str
    end_of_life: date
    active_until: date | None
    evaluated_for: date
    severity: str
    note: str


def languages_chart(bars: Sequence[Bar]) -> Markup | None:
    """A horizontal bar chart of the languages' shares, each in its own colour."""
    return _bar_chart(
        bars,
        css_class="chart-languages",
        title="Languages by share of bytes",
    )


def libyears_chart(bars: Sequence[Bar]) -> Markup | None:
    """A horizontal bar chart of the libyears of each component's direct dependencies."""
    return _bar_chart(
        bars,
        css_class="chart-libyears",
        title="Libyears of direct dependencies per component",
    )


def eol_timeline(spans: Sequence[Span]) -> Markup | None:
    """A timeline of release cycles, each bar ending at its end of life, with a vertical
    "today" line at the day the release data was evaluated for (the latest, should the
    spans disagree)."""
    if not spans:
        return None
    today = max(s.evaluated_for for s in spans)
    days = [today, *(s.end_of_life for s in spans)]
    days += [s.active_until for s in spans if s.active_until is not None]
    start = min(days) - timedelta(days=365)
    end = max(days) + timedelta(days=180)
    span_days = (end - start).days

    def x(day: date) -> float:
        return _PLOT_X0 + (day - start).days / span_days * (_TIMELINE_X1 - _PLOT_X0)

    top = 24
    height = top + len(spans) * _ROW + 24
    parts = [_open("chart-eol-timeline", height, "End-of-life timeline", _summary(spans, today))]
    parts += _year_ticks(start, end, x, top, height - 24)
    for index, span in enumerate(spans):
        parts.append(_span_row(span, top + index * _ROW + (_ROW - _BAR) / 2, x))
    today_x = x(today)
    # The label is some 100 units wide: kept inside the chart when the line is near an edge.
    anchor = "end" if today_x > WIDTH - 55 else "start" if today_x < 55 else "middle"
    parts.append(
        f'<line class="today" x1="{today_x:.1f}" x2="{today_x:.1f}" y1="{top - 4}" '
        f'y2="{height - 20}"/>'
        f'<text class="today-label" x="{today_x:.1f}" y="{height - 6}" text-anchor="{anchor}">'
        f"as of {today.isoformat()}</text>"
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def _span_row(span: Span, y: float, x: Callable[[date], float]) -> str:
    end = x(span.end_of_life)
    split = (
        span.active_until if span.active_until and span.active_until < span.end_of_life else None
    )
    active_end = x(split) if split else end
    security = _rect("security", active_end, y, end - active_end, _BAR) if split else ""
    return (
        f'<g class="span sev-{escape(span.severity)}"><title>{escape(span.note)}</title>'
        f"{_label(span.label, y + _BAR / 2)}"
        f"{_rect('active', _PLOT_X0, y, active_end - _PLOT_X0, _BAR)}{security}"
        f'<line class="eol" x1="{end:.1f}" x2="{end:.1f}" y1="{y - 2:.1f}" '
        f'y2="{y + _BAR + 2:.1f}"/>'
        "</g>"
    )


def _bar_chart(bars: Sequence[Bar], css_class: str, title: str) -> Markup | None:
    if not bars:
        return None
    longest = max(bar.value for bar in bars) or 1.0
    height = len(bars) * _ROW + 8
    summary = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    parts = [_open(css_class, height, title, summary)]
    for index, bar in enumerate(bars):
        y = 4 + index * _ROW + (_ROW - _BAR) / 2
        length = max(bar.value, 0.0) / longest * (_PLOT_X1 - _PLOT_X0)
        fill = f' fill="{bar.color}"' if bar.color and _HEX_COLOR.fullmatch(bar.color) else ""
        parts.append(
            f'<g class="bar"><title>{escape(bar.note)}</title>'
            f"{_label(bar.label, y + _BAR / 2)}"
            f'<rect class="bar-fill" x="{_PLOT_X0}" y="{y:.1f}" width="{length:.1f}" '
            f'height="{_BAR}"{fill}/>'
            f'<text class="value" x="{_PLOT_X0 + length + 6:.1f}" y="{y + _BAR / 2:.1f}" '
            f'dominant-baseline="central">{escape(bar.shown)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _open(css_class: str, height: int, title: str, summary: str) -> str:
    return (
        f'<svg class="chart {css_class}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-label="{escape(title)}: {escape(summary)}">'
        f"<title>{escape(title)}</title>"
    )


def _summary(spans: Sequence[Span], today: date) -> str:
    cycles = "; ".join(f"{s.label} ends {s.end_of_life.isoformat()}" for s in spans)
    return f"{cycles}; as of {today.isoformat()}"


def _label(text: str, middle: float) -> str:
    shown = text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"
    return (
        f'<text class="label" x="{_LABEL_X}" y="{middle:.1f}" text-anchor="end" '
        f'dominant-baseline="central">{escape(shown)}</text>'
    )


def _rect(css_class: str, x: float, y: float, width: float, height: float) -> str:
    return (
        f'<rect class="{css_class}" x="{x:.1f}" y="{y:.1f}" width="{max(width, 0.0):.1f}" '
        f'height="{height}"/>'
    )


def _year_ticks(
    start: date, end: date, x: Callable[[date], float], top: int, bottom: int
) -> list[str]:
    years = range(start.year + 1, end.year + 1)
    step = max(1, math.ceil(len(years) / 8))
    ticks = []
    for year in years[::step]:
        at = x(date(year, 1, 1))
        ticks.append(
            f'<line class="grid" x1="{at:.1f}" x2="{at:.1f}" y1="{top - 4}" y2="{bottom}"/>'
            f'<text class="tick" x="{at:.1f}" y="{top - 8}" text-anchor="middle">{year}</text>'
        )
    return ticks
