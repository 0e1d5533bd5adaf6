"""Small-count suppression: no count from 1 to 4 ever leaves the server.

Every table, chart, CSV and PDF that shows counts about people goes through this module.

- **Primary suppression:** a count from 1 to ``THRESHOLD - 1`` is shown as "<5". Totals
  are counts too and follow the same rule.
- **Secondary suppression:** a hidden count must not be recoverable from the totals shown
  beside it ("the total is 40 and the others add up to 37, so the hidden one is 3"). After
  hiding the small counts, the table's sums are written as linear equations; while any
  hidden value is determined by them (it lies in their row space: an exact test, on the
  reduced row echelon form over the rationals), or an equation pins small counts by their
  bounds (two hidden counts from 1 to 4 that add up to 2), one more count is hidden: a
  cell of at least 5 in an equation with the exposed value, the smallest first, else a
  row or column total, the grand total last. Zeros are never hidden as complements: a
  hidden zero would add no uncertainty.

A secondary hidden count is shown as "*", with a note under the table.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
SMALL_LABEL = "<5"
SECONDARY_LABEL = "*"
SECONDARY_NOTE = _("* Hidden so that a number smaller than 5 cannot be worked out from the totals.")


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: ``str(count)`` is the only safe way to print it."""

    value: int
    hidden: str = ""  # "", "small" or "secondary"

    def __str__(self) -> str:
        if self.hidden == "small":
            return SMALL_LABEL
        if self.hidden == "secondary":
            return SECONDARY_LABEL
        return str(self.value)

    @property
    def shown(self) -> int | None:
        """The value if it may be shown, else None (charts draw no bar for it)."""
        return None if self.hidden else self.value

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden)


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def count(value: int) -> Count:
    """A lone count with no totals beside it (primary suppression only)."""
    return Count(value, "small" if is_small(value) else "")


@dataclass
class SuppressedGrid:
    """A rows × columns table of counts with its totals, every one a ``Count``."""

    row_keys: list[Hashable]
    column_keys: list[Hashable]
    cells: dict[tuple[Hashable, Hashable], Count]
    row_totals: dict[Hashable, Count]
    column_totals: dict[Hashable, Count]
    total: Count

    def cell(self, row: Hashable, column: Hashable) -> Count:
        return self.cells[(row, column)]

    def row(self, row: Hashable) -> list[Count]:
        return [self.cells[(row, column)] for column in self.column_keys]

    @property
    def has_secondary(self) -> bool:
        every = [*self.cells.values(), *self.row_totals.values(), *self.column_totals.values()]
        return any(c.hidden == "secondary" for c in [*every, self.total])


# --- the equations -----------------------------------------------------------------------


def _rref_unit_columns(matrix: list[list[Fraction]], width: int) -> set[int]:
    """Columns ``i`` whose unit vector lies in the row space of ``matrix``."""
    rows = [row[:] for row in matrix if any(row)]
    pivot_row = 0
    pivots: list[int] = []
    for column in range(width):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][column] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivots.append(column)
        pivot_row += 1
        if pivot_row == len(rows):
            break
    determined = set()
    for r, column in enumerate(pivots):
        if sum(1 for value in rows[r] if value != 0) == 1:
            determined.add(column)
    return determined


def _exposed(
    equations: list[dict[int, int]], values: list[int], hidden: set[int], small: set[int]
) -> set[int]:
    """The hidden variables that the shown values give away (empty when all are safe)."""
    order = sorted(hidden)
    position = {var: i for i, var in enumerate(order)}
    matrix = []
    for equation in equations:
        row = [Fraction(0)] * len(order)
        for var, coefficient in equation.items():
            if var in hidden:
                row[position[var]] = Fraction(coefficient)
        matrix.append(row)
    exposed = {order[i] for i in _rref_unit_columns(matrix, len(order))}
    # Bounds: hidden small counts (each 1..4) whose known sum is as low or as high as it
    # can be are each given away (two hidden counts adding up to 2 are both 1).
    for equation in equations:
        terms = [var for var in equation if var in hidden]
        if not terms or any(var not in small or equation[var] != 1 for var in terms):
            continue
        known = sum(values[var] for var in terms)
        if known in (len(terms), (THRESHOLD - 1) * len(terms)):
            exposed.update(terms)
    return exposed


def _suppress(
    values: list[int],
    kinds: list[str],
    equations: list[dict[int, int]],
    already_hidden: Iterable[int] = (),
) -> list[Count]:
    """Hide small values, then complements until no hidden value is exposed.

    ``already_hidden``: values hidden before (by a table's own pass, see ``linked``),
    kept hidden as secondary and protected like the rest."""
    small = {i for i, value in enumerate(values) if is_small(value)}
    hidden = small | set(already_hidden)
    rank = {"cell": 0, "margin": 1, "total": 2}
    while hidden:
        exposed = _exposed(equations, values, hidden, small)
        if not exposed:
            break
        # Mend the most direct leak first: the equation with the fewest hidden terms that
        # involves an exposed value (one hidden term: plain subtraction).
        leaking = [eq for eq in equations if exposed & eq.keys()]
        fewest = min(sum(1 for var in eq if var in hidden) for eq in leaking)
        leaking = [eq for eq in leaking if sum(1 for var in eq if var in hidden) == fewest]
        shown = {var for eq in leaking for var in eq if var not in hidden}
        candidates = {var for var in shown if values[var] > 0} or shown
        if not candidates:
            shown = {var for eq in equations for var in eq if var not in hidden}
            if not shown:
                break
            candidates = shown
        chosen = min(
            candidates, key=lambda var: (rank[kinds[var]], values[var] == 0, values[var], var)
        )
        hidden.add(chosen)
    return [
        Count(value, "small" if i in small else "secondary" if i in hidden else "")
        for i, value in enumerate(values)
    ]


def suppress_grid(
    counts: Mapping[tuple[Hashable, Hashable], int],
    row_keys: Sequence[Hashable],
    column_keys: Sequence[Hashable],
) -> SuppressedGrid:
    """Suppress a table with row totals, column totals and a grand total (all shown).

    ``counts`` maps (row, column) to a count; missing pairs are zero.
    """
    row_keys, column_keys = list(row_keys), list(column_keys)
    values: list[int] = []
    kinds: list[str] = []

    def var(value: int, kind: str) -> int:
        values.append(int(value))
        kinds.append(kind)
        return len(values) - 1

    cell_var = {(r, c): var(counts.get((r, c), 0), "cell") for r in row_keys for c in column_keys}
    row_var = {
        r: var(sum(values[cell_var[(r, c)]] for c in column_keys), "margin") for r in row_keys
    }
    column_var = {
        c: var(sum(values[cell_var[(r, c)]] for r in row_keys), "margin") for c in column_keys
    }
    total_var = var(sum(values[v] for v in row_var.values()), "total")
    equations: list[dict[int, int]] = []
    for r in row_keys:
        equations.append({**{cell_var[(r, c)]: 1 for c in column_keys}, row_var[r]: -1})
    for c in column_keys:
        equations.append({**{cell_var[(r, c)]: 1 for r in row_keys}, column_var[c]: -1})
    equations.append({**dict.fromkeys(row_var.values(), 1), total_var: -1})
    equations.append({**dict.fromkeys(column_var.values(), 1), total_var: -1})
    shown = _suppress(values, kinds, equations)
    return SuppressedGrid(
        row_keys=row_keys,
        column_keys=column_keys,
        cells={key: shown[v] for key, v in cell_var.items()},
        row_totals={key: shown[v] for key, v in row_var.items()},
        column_totals={key: shown[v] for key, v in column_var.items()},
        total=shown[total_var],
    )


def suppress_series(counts: Mapping[Hashable, int] | Iterable[tuple[Hashable, int]]):
    """One list of counts and its total: ``(dict key -> Count, total Count)``."""
    pairs = list(counts.items()) if isinstance(counts, Mapping) else list(counts)
    keys = [key for key, _value in pairs]
    grid = suppress_grid({(key, "n"): value for key, value in pairs}, keys, ["n"])
    return {key: grid.cell(key, "n") for key in keys}, grid.total
