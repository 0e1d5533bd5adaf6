"""The reporting kernel: suppression (with a differencing attack), CSV, tables, charts."""

import itertools
import random
from fractions import Fraction

from django.template.loader import render_to_string

import pytest

from intranet.core.reports import (
    Count,
    Link,
    Table,
    bar_chart,
    columns,
    count,
    csv_response,
    line_chart,
    suppress_grid,
    suppress_series,
)
from intranet.core.reports.suppression import _rref_unit_columns


def test_small_counts_are_shown_as_less_than_five():
    assert [str(count(v)) for v in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_a_series_with_one_small_count_hides_a_second_one_not_only_the_small_one():
    shown, total = suppress_series({"housing": 3, "employment": 40, "health": 9, "other": 0})
    assert str(shown["housing"]) == "<5"
    # With the total shown, 3 = total - 40 - 9: one more count must go.
    assert str(total) == "52"
    assert str(shown["health"]) == "*"
    assert str(shown["employment"]) == "40"
    assert str(shown["other"]) == "0"


def test_a_series_without_small_counts_hides_nothing():
    shown, total = suppress_series([("a", 5), ("b", 7)])
    assert [str(c) for c in shown.values()] == ["5", "7"]
    assert str(total) == "12"


def test_two_small_counts_that_add_up_to_two_are_not_both_left_as_the_only_hidden_ones():
    shown, total = suppress_series({"a": 1, "b": 1, "c": 30})
    hidden = [key for key, c in shown.items() if c.is_hidden]
    # 1 + 1 = 32 - 30: both are given away unless something larger is hidden with them.
    assert set(hidden) == {"a", "b", "c"} or total.is_hidden


def _recoverable(grid) -> set:
    """A differencing attacker: every linear equation the shown table gives, solved."""
    rows, cols = grid.row_keys, grid.column_keys
    variables = (
        [("cell", r, c) for r in rows for c in cols]
        + [("row", r) for r in rows]
        + [("col", c) for c in cols]
        + [("total",)]
    )

    def shown(var):
        if var[0] == "cell":
            return grid.cells[(var[1], var[2])]
        if var[0] == "row":
            return grid.row_totals[var[1]]
        if var[0] == "col":
            return grid.column_totals[var[1]]
        return grid.total

    hidden = [v for v in variables if shown(v).is_hidden]
    index = {v: i for i, v in enumerate(hidden)}
    equations = []
    for r in rows:
        equations.append({**{("cell", r, c): 1 for c in cols}, ("row", r): -1})
    for c in cols:
        equations.append({**{("cell", r, c): 1 for r in rows}, ("col", c): -1})
    equations.append({**{("row", r): 1 for r in rows}, ("total",): -1})
    equations.append({**{("col", c): 1 for c in cols}, ("total",): -1})
    matrix = []
    for equation in equations:
        row = [Fraction(0)] * len(hidden)
        for var, coefficient in equation.items():
            if var in index:
                row[index[var]] = Fraction(coefficient)
        matrix.append(row)
    return {hidden[i] for i in _rref_unit_columns(matrix, len(hidden))}


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_count_can_be_worked_out_from_the_totals(seed):
    rng = random.Random(seed)
    rows = [f"r{i}" for i in range(rng.randint(1, 6))]
    cols = [f"c{j}" for j in range(rng.randint(1, 6))]
    counts = {
        (r, c): rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30, 80])
        for r, c in itertools.product(rows, cols)
    }
    grid = suppress_grid(counts, rows, cols)
    for (r, c), value in counts.items():
        cell = grid.cells[(r, c)]
        assert cell.value == value
        if 0 < value < 5:
            assert str(cell) == "<5"
        elif not cell.is_hidden:
            assert str(cell) == str(value)
    for total in [*grid.row_totals.values(), *grid.column_totals.values(), grid.total]:
        if 0 < total.value < 5:
            assert total.is_hidden
    assert _recoverable(grid) == set()


def test_a_single_small_cell_in_a_grid_is_protected_by_a_rectangle_not_by_every_total():
    counts = {("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 30, ("b", "y"): 40}
    grid = suppress_grid(counts, ["a", "b"], ["x", "y"])
    assert str(grid.cell("a", "x")) == "<5"
    assert str(grid.total) == "93"
    assert _recoverable(grid) == set()
    assert grid.has_secondary


def test_csv_response_has_a_bom_safe_cells_and_never_a_hidden_value():
    response = csv_response(
        "gaps.csv", ["Serviço", "Número"], [["=HYPERLINK(1)", count(3)], ["Évora", count(9)]]
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert response["Content-Disposition"] == 'attachment; filename="gaps.csv"'
    assert "'=HYPERLINK(1),<5" in body
    assert "Évora,9" in body
    assert ",3" not in body


def test_table_renders_hidden_counts_links_and_numeric_columns():
    table = Table(
        caption="Atendimentos por tema",
        columns=columns("Tema", "Número", numeric_from=1),
        rows=[[Link("Habitação", "/x/"), count(2)], ["Emprego", count(12)]],
        footer=[["Total", Count(14, "secondary")]],
        testid="by-topic",
    )
    html = render_to_string("includes/reports/table.html", {"table": table})
    assert '<a href="/x/">Habitação</a>' in html
    assert ">&lt;5</span>" in html
    assert '<td class="num">12</td>' in html
    assert ">*</span>" in html
    assert "14" not in html
    assert 'data-testid="by-topic"' in html
    assert table.hides_counts
    csv_text = table.csv_response("t.csv").content.decode()
    assert "Habitação,<5" in csv_text and "Total,*" in csv_text


def test_bar_chart_draws_no_bar_for_a_hidden_count_and_scales_to_the_largest():
    chart = bar_chart("Temas", [("Habitação", count(3)), ("Emprego", count(40)), ("Saúde", 20)])
    assert [bar.width for bar in chart.bars] == [0, 358.0, 179.0]
    assert chart.bars[0].value_text == "<5"
    html = render_to_string("includes/reports/bar_chart.html", {"chart": chart})
    assert html.count('class="report-chart__bar"') == 2
    assert "Habitação · &lt;5" in html
    assert 'role="img"' in html and "<title" in html


def test_line_chart_breaks_at_hidden_points():
    chart = line_chart("Por mês", [("jan", 10), ("fev", count(2)), ("mar", 12), ("abr", 14)])
    assert chart.points[1].y is None
    assert len(chart.segments) == 1
    html = render_to_string("includes/reports/line_chart.html", {"chart": chart})
    assert "&lt;5" in html
