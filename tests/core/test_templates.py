from pathlib import Path

from django.conf import settings


def test_no_template_comment_spans_lines():
    """Django's {# #} comments end at the line: a multi-line one is shown to users as text."""
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.count("{#") > line.count("#}"):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert offenders == []
