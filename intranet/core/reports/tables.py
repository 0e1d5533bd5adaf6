"""Report tables: one structure for the HTML table include, the CSV export and the PDF."""

from dataclasses import dataclass, field
from typing import Any

from .csv import csv_response
from .suppression import Count


@dataclass(frozen=True)
class Link:
    """A cell that links somewhere in HTML and is plain text in CSV and PDF."""

    text: str
    url: str

    def __str__(self) -> str:
        return str(self.text)


@dataclass
class Column:
    label: str
    numeric: bool = False


@dataclass
class Table:
    """Rendered by ``{% include "includes/reports/table.html" with table=... %}``.

    Cells may be plain values, ``Count`` (suppressed counts: always printed with ``str``)
    or ``Link``. The first column is the row header.
    """

    caption: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    footer: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    testid: str = ""
    empty_text: str = ""

    def _paired(self, rows):
        numeric = [column.numeric for column in self.columns]
        return [list(zip(row, numeric, strict=False)) for row in rows]

    @property
    def body(self) -> list[list[tuple[Any, bool]]]:
        """Rows as (cell, is numeric) pairs, for the template."""
        return self._paired(self.rows)

    @property
    def foot(self) -> list[list[tuple[Any, bool]]]:
        return self._paired(self.footer)

    @property
    def header(self) -> list[str]:
        return [str(column.label) for column in self.columns]

    def all_rows(self) -> list[list[Any]]:
        return [*self.rows, *self.footer]

    def csv_response(self, filename: str):
        return csv_response(filename, self.header, self.all_rows())

    @property
    def hides_counts(self) -> bool:
        return any(
            isinstance(cell, Count) and cell.is_hidden for row in self.all_rows() for cell in row
        )


def columns(*labels: str, numeric_from: int | None = None) -> list[Column]:
    """Columns from labels; those from index ``numeric_from`` on hold numbers."""
    return [
        Column(label, numeric=numeric_from is not None and i >= numeric_from)
        for i, label in enumerate(labels)
    ]
