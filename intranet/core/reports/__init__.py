"""The reporting kernel: every report in the intranet is made with these pieces.

- ``suppression``: the small-count rule (``Count``, ``suppress_grid``, ``suppress_series``);
- ``tables``: ``Table`` for the HTML include, CSV and PDF;
- ``charts``: server-side SVG bar and line charts;
- ``csv``: ``csv_response`` and ``safe_cell``.

Templates: ``includes/reports/table.html``, ``includes/reports/bar_chart.html``,
``includes/reports/line_chart.html``.
"""

from .charts import BarChart, LineChart, bar_chart, line_chart
from .csv import csv_response, safe_cell
from .suppression import (
    SECONDARY_NOTE,
    THRESHOLD,
    Count,
    SuppressedGrid,
    count,
    suppress_grid,
    suppress_series,
)
from .tables import Column, Link, Table, columns

__all__ = [
    "SECONDARY_NOTE",
    "THRESHOLD",
    "BarChart",
    "Column",
    "Count",
    "LineChart",
    "Link",
    "SuppressedGrid",
    "Table",
    "bar_chart",
    "columns",
    "count",
    "csv_response",
    "line_chart",
    "safe_cell",
    "suppress_grid",
    "suppress_series",
]
