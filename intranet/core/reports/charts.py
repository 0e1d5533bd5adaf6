"""Charts drawn on the server as SVG, readable at 360 px and by screen readers.

A chart is always shown beside a table with the same figures (``includes/reports``):
the SVG carries a title and a description and is marked as an image; the table is the
accessible version. Hidden counts (``Count.is_hidden``) get no bar and no point, only
their label ("<5").
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .suppression import Count

WIDTH = 360  # viewBox units: one unit is one CSS pixel on a phone
TICK_WIDTH = 48  # room for one tick label under a line chart ("set 2026")
LABEL_HEIGHT = 16
BAR_HEIGHT = 14
ROW_GAP = 10
LINE_CHARACTERS = 44  # of a label at 13 units: what fits 360 units
LABEL_LINES = 2


def label_lines(text: str, width: int = LINE_CHARACTERS, lines: int = LABEL_LINES) -> list[str]:
    """A label broken between words into at most ``lines`` lines of about ``width``
    characters, so that long names ("Gabinete de Apoio ao Migrante de …") keep the words
    that tell them apart instead of losing their ends. Only what does not fit in
    ``lines`` lines is cut, in the middle of the last line."""
    words, result, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            result.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    result.append(current)
    if len(result) > lines:
        rest = " ".join(result[lines - 1 :])
        keep = width - 1
        result = [*result[: lines - 1], rest[: keep // 2] + "…" + rest[-(keep - keep // 2) :]]
    return [line if len(line) <= width + 8 else line[: width + 7] + "…" for line in result]


def _number(value: Any) -> float | None:
    if isinstance(value, Count):
        return None if value.is_hidden else float(value.value)
    if value is None:
        return None
    return float(value) if isinstance(value, int | float | Decimal) else None


@dataclass
class Bar:
    label: str
    value_text: str
    y: float  # top of the row
    width: float
    highlight: bool = False
    marker_x: float | None = None
    lines: list[tuple[float, str]] = field(default_factory=list)  # (baseline, text)
    bar_y: float = 0  # top of the bar, under the label's lines

    @property
    def marker_top(self) -> float:
        return self.bar_y - 2

    @property
    def marker_bottom(self) -> float:
        return self.bar_y + BAR_HEIGHT + 2


@dataclass
class BarChart:
    """Horizontal bars, each with its label above it, so long labels fit on a phone."""

    title: str
    description: str = ""
    bars: list[Bar] = field(default_factory=list)
    height: float = 0
    target_x: float | None = None
    target_label: str = ""
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, text)
    testid: str = ""


def bar_chart(
    title: str,
    items: Sequence[tuple[str, Any]],
    *,
    description: str = "",
    maximum: float | None = None,
    highlight: Sequence[bool] | None = None,
    markers: Sequence[Any] | None = None,
    target: float | None = None,
    target_label: str = "",
    legend: Sequence[tuple[str, str]] = (),
    value_format=str,
    testid: str = "",
) -> BarChart:
    """``items`` are (label, value) with value a number or a ``Count``.

    ``markers`` draws a tick per bar (e.g. the hours expected by now); ``target`` a
    vertical line across the chart (e.g. the 60-hour target).
    """
    numbers = [_number(value) for _label, value in items]
    marker_numbers = [_number(m) for m in markers] if markers else []
    top = max(
        [maximum or 0, target or 0, *[n for n in numbers if n], *[m for m in marker_numbers if m]]
    )
    scale = (WIDTH - 2) / top if top else 0
    bars = []
    y = 0.0
    for index, (label, value) in enumerate(items):
        number = numbers[index]
        shown = str(value) if isinstance(value, Count) else value_format(value)
        marker = marker_numbers[index] if marker_numbers else None
        texts = label_lines(f"{label} · {shown}")
        bars.append(
            Bar(
                label=str(label),
                value_text=shown,
                y=y,
                width=round((number or 0) * scale, 1),
                highlight=bool(highlight and highlight[index]),
                marker_x=round(marker * scale, 1) if marker is not None else None,
                lines=[(y + 12 + n * LABEL_HEIGHT, text) for n, text in enumerate(texts)],
                bar_y=y + len(texts) * LABEL_HEIGHT,
            )
        )
        y += len(texts) * LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return BarChart(
        title=str(title),
        description=str(description),
        bars=bars,
        height=max(y, LABEL_HEIGHT + BAR_HEIGHT),
        target_x=round(target * scale, 1) if target and scale else None,
        target_label=str(target_label),
        legend=[(css, str(text)) for css, text in legend],
        testid=testid,
    )


@dataclass
class Point:
    label: str
    value_text: str
    x: float
    y: float | None  # None: hidden or missing, no point drawn
    show_label: bool = True  # ticks are thinned out so that they never overlap


@dataclass
class LineChart:
    title: str
    description: str = ""
    points: list[Point] = field(default_factory=list)
    segments: list[tuple[float, float, float, float]] = field(default_factory=list)
    height: float = 160
    top_label: str = ""
    testid: str = ""


def line_chart(
    title: str,
    items: Sequence[tuple[str, Any]],
    *,
    description: str = "",
    testid: str = "",
) -> LineChart:
    """A line over time (e.g. enquiries by month); hidden counts break the line."""
    plot_top, plot_bottom, left, right = 14.0, 130.0, 8.0, WIDTH - 8.0
    numbers = [_number(value) for _label, value in items]
    top = max([n for n in numbers if n] or [0])
    step = (right - left) / max(len(items) - 1, 1)
    # The first label is drawn from its point rightwards, the others centred on theirs.
    every = max(1, math.ceil(1.5 * TICK_WIDTH / step)) if len(items) > 1 else 1
    points = []
    for index, (label, value) in enumerate(items):
        number = numbers[index]
        y = None
        if number is not None:
            y = plot_bottom - (number / top * (plot_bottom - plot_top) if top else 0)
            y = round(y, 1)
        x = round(left + index * step, 1)
        points.append(Point(str(label), str(value), x, y, show_label=index % every == 0))
    segments = [
        (a.x, a.y, b.x, b.y)
        for a, b in zip(points, points[1:], strict=False)
        if a.y is not None and b.y is not None
    ]
    return LineChart(
        title=str(title),
        description=str(description),
        points=points,
        segments=segments,
        top_label=str(int(top)) if top else "0",
        testid=testid,
    )
