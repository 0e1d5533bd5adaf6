"""Reading the published outputs back as a person (or an attacker) would: HTML tables by
their data-testid, CSV files, SVG chart labels."""

import csv
import io
from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._current = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-testid"):
            self._current = self.tables.setdefault(attrs["data-testid"], [])
        elif tag == "tr" and self._current is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._current = None
        elif tag == "tr" and self._row is not None:
            self._current.append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> dict[str, list[list[str]]]:
    """{testid: rows}, the header row first, each cell's text."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "CSV without a byte order mark"
    return list(csv.reader(io.StringIO(text[1:])))


def number(text: str) -> int | None:
    """A shown count, or None for a hidden one ("<5", "*")."""
    text = text.replace("\u202f", "").replace("\xa0", "").replace(".", "").replace(",", "")
    return int(text) if text.isdigit() else None


INSIGHT_PARTS = ["topics", "questions", "outcomes", "services", "outreach"]


def insights_html(client, query: str = "") -> str:
    """Everything the insights publish for one choice of filters: the overview and each
    part's page, one after the other (each a 200)."""
    pages = []
    for path in ["/insights/", *[f"/insights/{part}/" for part in INSIGHT_PARTS]]:
        response = client.get(path + query)
        assert response.status_code == 200, path
        pages.append(response.content.decode())
    return "\n".join(pages)
