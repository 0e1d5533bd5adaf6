"""Counts published together: the tables of one page (and of its CSV and PDF), suppressed
as one system of equations.

Tables on a page are not independent. "Enquiries by month" and "enquiries by channel"
show the same grand total; a table of referrals by service adds up to the "referred" cell
of the outcome table. Suppressing each table alone is not enough: a total shown in one
table and hidden in another gives the hidden one away, and a cell hidden in the outcome
table may follow from the total of the referrals table.

``LinkedCounts`` names every published number. The same name in two tables is the same
number (shown in both or hidden in both); ``tie(total, parts)`` says a number is the sum of
others. ``suppress()`` first runs the kernel's rule on each table alone (small grids, cheap),
then checks all the tables and ties together with the same exact linear algebra and hides
more where a hidden count would still follow from what the page shows.

Keep each table modest (about 15 × 13 at most): for long lists (providers, offices at a
national scale) publish the top few and fold the rest into "others" (``top_with_others``).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from .suppression import Count, SuppressedGrid, _suppress

RANK = {"cell": 0, "margin": 1, "total": 2}


@dataclass
class _Table:
    row_keys: list[Hashable]
    column_keys: list[Hashable]
    cells: dict[tuple[Hashable, Hashable], int]  # (row, column) -> variable
    row_totals: dict[Hashable, int]
    column_totals: dict[Hashable, int]
    total: int
    equations: list[dict[int, int]]


class LinkedCounts:
    """Build the page's tables with ``grid``/``series``, tie them, then ``suppress()``."""

    def __init__(self) -> None:
        self._index: dict[Hashable, int] = {}
        self._values: list[int] = []
        self._kinds: list[str] = []
        self._tables: dict[str, _Table] = {}
        self._ties: list[dict[int, int]] = []

    def _var(self, name: Hashable, value: int, kind: str) -> int:
        value = int(value)
        if name in self._index:
            var = self._index[name]
            if self._values[var] != value:
                raise ValueError(f"{name!r} is published as {self._values[var]} and {value}")
            # A number that is a total anywhere is chosen as a complement last everywhere.
            if RANK[kind] > RANK[self._kinds[var]]:
                self._kinds[var] = kind
            return var
        self._index[name] = len(self._values)
        self._values.append(value)
        self._kinds.append(kind)
        return self._index[name]

    def grid(
        self,
        table: str,
        counts: Mapping[tuple[Hashable, Hashable], int],
        row_keys: Sequence[Hashable],
        column_keys: Sequence[Hashable],
        *,
        total: Hashable | None = None,
        row_total_names: Mapping[Hashable, Hashable] | None = None,
        column_total_names: Mapping[Hashable, Hashable] | None = None,
    ) -> None:
        """A rows × columns table with row totals, column totals and a grand total.

        ``total``, ``row_total_names`` and ``column_total_names`` name the totals that other
        tables publish too (by default each total is the table's own)."""
        self._check_new(table)
        row_keys, column_keys = list(row_keys), list(column_keys)
        row_names = row_total_names or {}
        column_names = column_total_names or {}
        values = {(r, c): int(counts.get((r, c), 0)) for r in row_keys for c in column_keys}
        cells = {key: self._var((table, "cell", key), n, "cell") for key, n in values.items()}
        rows = {
            r: self._var(
                row_names.get(r, (table, "row", r)),
                sum(values[(r, c)] for c in column_keys),
                "margin",
            )
            for r in row_keys
        }
        columns = {
            c: self._var(
                column_names.get(c, (table, "column", c)),
                sum(values[(r, c)] for r in row_keys),
                "margin",
            )
            for c in column_keys
        }
        grand = self._var(
            total if total is not None else (table, "total"), sum(values.values()), "total"
        )
        equations = [{**{cells[(r, c)]: 1 for c in column_keys}, rows[r]: -1} for r in row_keys]
        equations += [{**{cells[(r, c)]: 1 for r in row_keys}, columns[c]: -1} for c in column_keys]
        equations.append({**dict.fromkeys(rows.values(), 1), grand: -1})
        equations.append({**dict.fromkeys(columns.values(), 1), grand: -1})
        self._tables[table] = _Table(row_keys, column_keys, cells, rows, columns, grand, equations)

    def series(
        self,
        table: str,
        counts: Mapping[Hashable, int] | Sequence[tuple[Hashable, int]],
        *,
        total: Hashable | None = None,
        names: Mapping[Hashable, Hashable] | None = None,
    ) -> None:
        """One list of counts and its total. ``names`` gives cells that other tables
        publish too their shared name; ``total`` names the total."""
        self._check_new(table)
        pairs = list(counts.items()) if isinstance(counts, Mapping) else list(counts)
        names = names or {}
        keys = [key for key, _n in pairs]
        cells = {
            (key, "n"): self._var(names.get(key, (table, "cell", key)), n, "cell")
            for key, n in pairs
        }
        grand = self._var(
            total if total is not None else (table, "total"), sum(n for _k, n in pairs), "total"
        )
        equations = [{**dict.fromkeys(cells.values(), 1), grand: -1}]
        rows = {key: cells[(key, "n")] for key in keys}
        self._tables[table] = _Table(keys, ["n"], cells, rows, {"n": grand}, grand, equations)

    def _check_new(self, table: str) -> None:
        if table in self._tables:
            raise ValueError(f"table {table!r} is already published")

    def tie(self, total: Hashable, parts: Sequence[Hashable]) -> None:
        """``total`` is the sum of ``parts`` (names already published)."""
        self._ties.append(
            {**dict.fromkeys((self._index[name] for name in parts), 1), self._index[total]: -1}
        )

    def name(self, table: str, *key: Hashable) -> Hashable:
        """The default name of a cell: ``name("by-outcome", "referred")`` for a series,
        ``name("topic-office", row, column)`` for a grid."""
        return (table, "cell", key[0] if len(key) == 1 else tuple(key))

    def suppress(self) -> LinkedResult:
        hidden: set[int] = set()
        for table in self._tables.values():
            shown = _suppress(self._values, self._kinds, table.equations)
            hidden |= {var for var, count in enumerate(shown) if count.is_hidden}
        every_equation = [eq for t in self._tables.values() for eq in t.equations] + self._ties
        shown = _suppress(self._values, self._kinds, every_equation, already_hidden=hidden)
        return LinkedResult(self._tables, self._index, shown)


class LinkedResult:
    """The suppressed numbers: ``grid(table)`` gives one table as a ``SuppressedGrid``
    (a series has the single column ``"n"``), ``count(name)`` one named number."""

    def __init__(self, tables, index, shown: list[Count]) -> None:
        self._tables = tables
        self._index = index
        self._shown = shown

    def count(self, name: Hashable) -> Count:
        return self._shown[self._index[name]]

    def grid(self, table: str) -> SuppressedGrid:
        t = self._tables[table]
        shown = self._shown
        return SuppressedGrid(
            row_keys=t.row_keys,
            column_keys=t.column_keys,
            cells={key: shown[var] for key, var in t.cells.items()},
            row_totals={key: shown[var] for key, var in t.row_totals.items()},
            column_totals={key: shown[var] for key, var in t.column_totals.items()},
            total=shown[t.total],
        )

    def series(self, table: str) -> tuple[dict[Hashable, Count], Count]:
        grid = self.grid(table)
        return {key: grid.cell(key, "n") for key in grid.row_keys}, grid.total


def top_with_others(
    counts: Mapping[Hashable, int], n: int, others: Hashable
) -> list[tuple[Hashable, int]]:
    """The ``n`` largest counts (ties broken by key order) and one ``others`` row with the
    rest, so that a long list stays a modest table. No "others" row when nothing is left."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    top = [(key, value) for key, value in ranked[:n] if value]
    rest = sum(value for _key, value in ranked[n:])
    return [*top, (others, rest)] if rest else top
