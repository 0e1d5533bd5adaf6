"""The reporting kernel: every report in the intranet is made with these pieces.

- ``suppression``: the small-count rule (``Count``, ``suppress_grid``, ``suppress_series``);
- ``linked``: several tables of one page suppressed together (``LinkedCounts``), and
  ``top_with_others`` to keep long lists modest;
- ``tables``: ``Table`` for the HTML include, CSV and PDF;
- ``charts``: server-side SVG bar and line charts;
- ``csv``: ``csv_response`` and ``safe_cell``;
- ``pdf``: ``pdf_table`` (a ``Table`` in a reportlab document) and ``pdf_response``;
- ``periods``: months and quarters, and their labels.

Templates: ``includes/reports/table.html``, ``includes/reports/bar_chart.html``,
``includes/reports/line_chart.html``.
"""

from .charts import BarChart, LineChart, bar_chart, line_chart
from .csv import csv_response, safe_cell
from .linked import LinkedCounts, LinkedResult, top_with_others
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
    "LinkedCounts",
    "LinkedResult",
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
    "top_with_others",
]
