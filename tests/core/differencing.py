"""A differencing attacker, written independently of the kernel's suppression: given the
linear equations a published report gives (its sums, totals shared between tables), which
hidden counts follow? Used by the kernel's tests and by every report that suppresses."""

from fractions import Fraction


def solvable(unknowns: list, equations: list[dict]) -> set:
    """An attacker's view: which unknowns follow from the equations (Gauss-Jordan over the
    rationals, written independently of the kernel). An equation is {unknown or None: c},
    None holding the known constant."""
    index = {u: i for i, u in enumerate(unknowns)}
    rows = []
    for equation in equations:
        row = [Fraction(0)] * (len(unknowns) + 1)
        for name, coefficient in equation.items():
            row[index[name] if name is not None else -1] += Fraction(coefficient)
        if any(row[:-1]):
            rows.append(row)
    pivot_of = {}
    r = 0
    for column in range(len(unknowns)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [v / rows[r][column] for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][column]:
                rows[i] = [a - rows[i][column] * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivot_of[column] = r
        r += 1
    return {
        unknowns[c]
        for c, row_index in pivot_of.items()
        if sum(1 for v in rows[row_index][:-1] if v) == 1
    }
