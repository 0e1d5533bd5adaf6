"""Report tables in PDF documents (reportlab): the same ``Table`` the HTML include and the
CSV export print, so a PDF never shows a count the page hides.

    story = [Paragraph(...), *pdf_table(table), ...]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)

Cells are printed with ``str()``: a suppressed ``Count`` is "<5" or "*", a ``Link`` its text.
"""

from xml.sax.saxutils import escape

from django.http import HttpResponse

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from .tables import Table


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles reports use (Helvetica: its encoding has the Portuguese
    accents, and nothing has to be embedded)."""
    sheet = getSampleStyleSheet()
    return {
        "body": ParagraphStyle("body", parent=sheet["BodyText"], fontSize=10.5, leading=14),
        "small": ParagraphStyle("small", parent=sheet["BodyText"], fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=sheet["BodyText"], fontSize=9.5, leading=12),
        "caption": ParagraphStyle(
            "caption", parent=sheet["BodyText"], fontName="Helvetica-Bold", fontSize=10.5
        ),
        "heading": ParagraphStyle("heading", parent=sheet["Heading2"], fontSize=13),
    }


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: "<5" is text, not markup)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), styles()[style])


def pdf_table(table: Table, width: float) -> list[Flowable]:
    """The table's caption, the table (header repeated on each page) and its notes."""
    style = styles()
    numeric = [column.numeric for column in table.columns]

    def row(cells, bold=False):
        font = "<b>%s</b>" if bold else "%s"
        return [
            Paragraph(
                font % escape(str(cell)),
                ParagraphStyle("c", parent=style["cell"], alignment=2 if numeric[i] else 0),
            )
            for i, cell in enumerate(cells)
        ]

    data = [row(table.header, bold=True)]
    data += [row(cells) for cells in table.rows]
    data += [row(cells, bold=True) for cells in table.footer]
    first = width * 0.4 if len(table.columns) > 1 else width
    rest = (width - first) / max(len(table.columns) - 1, 1)
    grid = PdfTable(data, colWidths=[first] + [rest] * (len(table.columns) - 1), repeatRows=1)
    commands = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f4f5")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if table.footer:
        commands.append(("LINEABOVE", (0, -len(table.footer)), (-1, -1), 0.8, colors.black))
    grid.setStyle(TableStyle(commands))
    flowables: list[Flowable] = [Paragraph(escape(str(table.caption)), style["caption"])]
    flowables += [Spacer(1, 4), grid]
    flowables += [paragraph(note, "small") for note in table.notes]
    return flowables


def pdf_response(filename: str, content: bytes, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
