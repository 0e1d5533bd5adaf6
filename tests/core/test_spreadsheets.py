import pytest

from intranet.core.reports import safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("=1+1", "'=1+1"),
        ("-1+1|cmd", "'-1+1|cmd"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("@cmd", "'@cmd"),
        ("\tX", "'\tX"),
        ("+351 912 345 678", "+351 912 345 678"),
        ("Conceição", "Conceição"),
        (None, ""),
        (42, "42"),
    ],
)
def test_formula_cells_are_neutralised_and_phone_numbers_kept(value, expected):
    assert safe_cell(value) == expected
