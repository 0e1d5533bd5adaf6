"""The reporting kernel's additions for pages with several tables: linked suppression (a
differencing attacker gets nothing from all the tables together), top-N with "others",
PDF tables, month labels, and charts that stay valid SVG in Portuguese."""

import datetime
import io
import itertools
import random

from django.template.loader import render_to_string
from django.utils import translation

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from intranet.core.reports import (
    Count,
    LinkedCounts,
    Table,
    bar_chart,
    columns,
    count,
    line_chart,
    top_with_others,
)
from intranet.core.reports.pdf import pdf_table
from intranet.core.reports.periods import (
    add_months,
    day_label,
    month_label,
    months_between,
    quarter_label,
    quarter_start,
)
from tests.core.differencing import solvable


def _equations(tables: dict[str, list[tuple]], ties) -> tuple[list, list]:
    """Tables as an attacker sees them: ``{name: [(key, Count), ...]}`` whose last row is
    the total; ``ties``: (total cell, [part cells]) known to add up."""
    unknowns, equations = [], []

    def term(cell_name, value: Count):
        if value.is_hidden:
            if cell_name not in unknowns:
                unknowns.append(cell_name)
            return {cell_name: 1}
        return {None: value.value}

    def add(parts, total_name, total):
        equation: dict = {}
        for name, value in [*parts, (total_name, total)]:
            sign = -1 if name == total_name else 1
            for key, c in term(name, value).items():
                equation[key] = equation.get(key, 0) + sign * c
        equations.append(equation)

    shown = {}
    for name, cells in tables.items():
        *body, (_total_key, total) = cells
        for key, value in body:
            shown[(name, key)] = value
        shown[(name, "total")] = total
        add([((name, k), v) for k, v in body], (name, "total"), total)
    for total_name, part_names in ties:
        add([(p, shown[p]) for p in part_names], total_name, shown[total_name])
    return unknowns, equations


def test_a_total_shared_by_two_tables_is_shown_or_hidden_in_both():
    sheet = LinkedCounts()
    sheet.series("by-channel", {"office": 3, "phone": 40, "online": 9}, total="N")
    sheet.series("by-topic", {"housing": 30, "health": 22}, total="N")
    result = sheet.suppress()
    channel, channel_total = result.series("by-channel")
    topic, topic_total = result.series("by-topic")
    assert str(channel["office"]) == "<5"
    assert channel_total is topic_total or str(channel_total) == str(topic_total)
    assert str(channel_total) == "52"
    assert [str(c) for c in topic.values()] == ["30", "22"]


def test_a_table_adding_up_to_a_cell_of_another_cannot_give_it_away():
    """The outcome table shows "referred" as a number; the referrals table adds up to it.
    Alone, each is safe; together, hidden services must still not follow."""
    sheet = LinkedCounts()
    sheet.series(
        "by-outcome",
        {"answered": 40, "referred": 23, "refused": 6},
        total="N",
        names={"referred": "referred"},
    )
    sheet.series("referrals", {"aima": 17, "cs-cuba": 3, "ss": 3}, total="referred")
    sheet.series("problems", {"aima": 2, "cs-cuba": 4})
    sheet.tie(("problems", "total"), [sheet.name("by-outcome", "refused")])
    result = sheet.suppress()
    tables = {
        name: [*result.series(name)[0].items(), ("total", result.series(name)[1])]
        for name in ["by-outcome", "referrals", "problems"]
    }
    ties = [
        (("referrals", "total"), [("by-outcome", "referred")]),
        (("problems", "total"), [("by-outcome", "refused")]),
    ]
    unknowns, equations = _equations(tables, ties)
    assert solvable(unknowns, equations) == set()
    assert str(result.series("referrals")[0]["cs-cuba"]) == "<5"
    # 2 + 4 = 6 shown: both small, and more than one way to make 6 from counts of 1 to 4.
    assert [str(c) for c in result.series("problems")[0].values()] == ["<5", "<5"]


@pytest.mark.parametrize("seed", range(40))
def test_random_linked_pages_leak_nothing(seed):
    rng = random.Random(seed)
    values = [0, 0, 1, 2, 3, 4, 5, 7, 12, 30]
    months = {f"m{i}": rng.choice(values) for i in range(rng.randint(2, 8))}
    grand = sum(months.values())
    # Channels partition the same enquiries as months do.
    channels = dict.fromkeys(["office", "phone", "online"], 0)
    for _ in range(grand):
        channels[rng.choice(list(channels))] += 1
    outcome = {"answered": 0, "referred": 0}
    for _ in range(grand):
        outcome[rng.choice(list(outcome))] += 1
    referrals = dict.fromkeys(["a", "b", "c"], 0)
    for _ in range(outcome["referred"]):
        referrals[rng.choice(list(referrals))] += 1
    sheet = LinkedCounts()
    sheet.series("months", months, total="N")
    sheet.series("channels", channels, total="N")
    sheet.series("outcomes", outcome, total="N", names={"referred": "referred"})
    sheet.series("referrals", referrals, total="referred")
    result = sheet.suppress()
    tables = {}
    for name in ["months", "channels", "outcomes", "referrals"]:
        cells, total = result.series(name)
        tables[name] = [*cells.items(), ("total", total)]
        for key, c in cells.items():
            if 0 < c.value < 5:
                assert c.is_hidden, (name, key)
    ties = [
        (("channels", "total"), [("months", "total")]),
        (("outcomes", "total"), [("months", "total")]),
        (("referrals", "total"), [("outcomes", "referred")]),
    ]
    unknowns, equations = _equations(tables, ties)
    assert solvable(unknowns, equations) == set(), tables


def test_a_grid_and_its_margins_published_elsewhere():
    counts = {("housing", "cuba"): 3, ("housing", "evora"): 20, ("health", "cuba"): 9}
    counts[("health", "evora")] = 14
    sheet = LinkedCounts()
    sheet.grid(
        "topic-office",
        counts,
        ["housing", "health"],
        ["cuba", "evora"],
        total="N",
        row_total_names={"housing": ("topic", "housing"), "health": ("topic", "health")},
    )
    sheet.series("months", {"jan": 20, "feb": 26}, total="N")
    result = sheet.suppress()
    grid = result.grid("topic-office")
    assert str(grid.cell("housing", "cuba")) == "<5"
    assert grid.total == result.count("N")
    assert result.count(("topic", "housing")) == grid.row_totals["housing"]
    assert grid.has_secondary


def test_the_same_name_with_two_values_is_a_programming_error():
    sheet = LinkedCounts()
    sheet.series("a", {"x": 5}, total="N")
    with pytest.raises(ValueError, match="published as 5 and 6"):
        sheet.series("b", {"x": 6}, total="N")


def test_top_with_others_folds_the_long_tail():
    counts = {"a": 9, "b": 30, "c": 1, "d": 0, "e": 4}
    assert top_with_others(counts, 2, "others") == [("b", 30), ("a", 9), ("others", 5)]
    assert top_with_others({"a": 2}, 5, "others") == [("a", 2)]


def test_pdf_table_prints_what_the_page_shows():
    table = Table(
        caption="Atendimentos por mês",
        columns=columns("Mês", "Recusas", "Total", numeric_from=1),
        rows=[["março de 2026", count(3), Count(12, "secondary")], ["abril de 2026", 8, 8]],
        footer=[["Total", Count(11, "secondary"), 20]],
        notes=["Números de 1 a 4 aparecem como <5."],
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(pdf_table(table, 400))
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "Atendimentos por mês" in text
    assert "março de 2026" in text
    assert "<5" in text and "*" in text
    assert "12" not in text and "11" not in text and " 3" not in text


def test_periods_and_labels():
    assert add_months(datetime.date(2025, 11, 20), 3) == datetime.date(2026, 2, 1)
    assert add_months(datetime.date(2025, 1, 5), -1) == datetime.date(2024, 12, 1)
    assert months_between(datetime.date(2025, 11, 3), datetime.date(2026, 1, 31)) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
    ]
    assert quarter_start(datetime.date(2026, 8, 17)) == datetime.date(2026, 7, 1)
    day = datetime.date(2026, 12, 15)
    with translation.override("pt-pt"):
        assert month_label(day) == "dezembro de 2026"
        assert day_label(day) == "15 de dezembro de 2026"
        assert quarter_label(datetime.date(2026, 10, 1)) == "4.º trimestre de 2026"
    with translation.override("en"):
        assert month_label(day) == "December 2026"
        assert day_label(day) == "15 December 2026"
        assert quarter_label(datetime.date(2026, 10, 1)) == "Q4 2026"


def test_charts_stay_valid_svg_in_portuguese_and_thin_out_ticks():
    """Coordinates are never written with a decimal comma (an SVG would not draw)."""
    months = [(f"m{i}", 10 + i) for i in range(24)]
    line = line_chart("Por mês", months)
    bars = bar_chart("Temas", [("Habitação", 7), ("Saúde", 3.5)])
    with translation.override("pt-pt"):
        html = render_to_string("includes/reports/line_chart.html", {"chart": line})
        html += render_to_string("includes/reports/bar_chart.html", {"chart": bars})
    for attribute in ["x1", "y1", "cx", "cy", "width", "x", "y"]:
        for value in _attribute_values(html, attribute):
            assert "," not in value, (attribute, value)
    shown = [p for p in line.points if p.show_label]
    assert 4 <= len(shown) < 24
    gaps = [b.x - a.x for a, b in itertools.pairwise(shown)]
    assert min(gaps) >= 40


def _attribute_values(html: str, attribute: str) -> list[str]:
    import re

    return re.findall(rf' {attribute}="([^"]*)"', html)
