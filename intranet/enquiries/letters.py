"""The alert letter to a service: a printable page and a PDF, in Portuguese whatever
language the coordinator uses, addressed to the service from the directory, with the
evidence table (suppressed) and the network's contact."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate, Spacer

from intranet.core.reports.pdf import paragraph, pdf_table
from intranet.core.reports.periods import day_label

from .choices import Outcome
from .models import NetworkContact, ServiceGap
from .services.gaps import evidence

LETTER_LANGUAGE = "pt-pt"
ANSWER_DAYS = 30


def _letter(request, gap: ServiceGap) -> dict:
    contact = NetworkContact.load(request)
    found = evidence(gap)
    outcomes = [str(o.label).lower() for o in Outcome if o.value in gap.outcomes]
    period = {"start": day_label(gap.period_start), "end": day_label(gap.period_end)}
    return {
        "gap": gap,
        "contact": contact,
        "evidence": found,
        "today": day_label(timezone.localdate()),
        "subject": _("Subject: %(title)s") % {"title": gap.title},
        "greeting": _("Dear Sir or Madam,"),
        "opening": _(
            "The Sem Fronteiras network brings together eight support offices for migrants "
            "in the Alentejo. Our staff record every enquiry anonymously: what was asked, "
            "which service was involved and what happened, never who asked."
        ),
        "finding": _(
            "Between %(start)s and %(end)s we recorded %(total)s enquiries involving "
            "%(service)s with one of these outcomes: %(outcomes)s."
        )
        % {
            **period,
            "total": found.total,
            "service": gap.provider.name,
            "outcomes": ", ".join(outcomes),
        },
        "observed": _("What we observed:"),
        "ask": _(
            "We would be grateful if you could tell us, within %(days)s days, what can be "
            "done about it. We are available to meet and to help find a solution that "
            "works for the people concerned and for your service."
        )
        % {"days": ANSWER_DAYS},
        "privacy": _(
            "To protect the people concerned, numbers from 1 to 4 are shown as “<5”, and "
            "other numbers are hidden (“*”) where they would allow a small number to be "
            "worked out."
        ),
        "closing": _("Yours faithfully,"),
    }


def alert_letter(request, gap: ServiceGap) -> dict:
    """The context of the printable letter (its text made in Portuguese)."""
    with translation.override(LETTER_LANGUAGE):
        context = _letter(request, gap)
    context["page_title"] = _("Alert letter: %(title)s") % {"title": gap.title}
    context["letter_language"] = LETTER_LANGUAGE
    return context


def alert_letter_pdf(request, gap: ServiceGap) -> bytes:
    buffer = io.BytesIO()
    with translation.override(LETTER_LANGUAGE):
        letter = _letter(request, gap)
        contact, provider = letter["contact"], gap.provider
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=2.5 * cm,
            rightMargin=2.5 * cm,
            topMargin=2 * cm,
            bottomMargin=2 * cm,
            title=letter["subject"],
            author=contact.name,
            lang="pt-PT",
        )
        width = A4[0] - 5 * cm
        contact_lines = "\n".join(
            [contact.name, contact.address, contact.phone, contact.email]
        ).strip()
        story = [
            paragraph(contact_lines, "small"),
            Spacer(1, 0.8 * cm),
            paragraph("\n".join([provider.name, provider.address]).strip()),
            Spacer(1, 0.6 * cm),
            paragraph(letter["today"]),
            Spacer(1, 0.4 * cm),
            paragraph(letter["subject"], "heading"),
            paragraph(letter["greeting"]),
            paragraph(letter["opening"]),
            paragraph(letter["finding"]),
            paragraph(letter["observed"]),
            paragraph(gap.description),
            Spacer(1, 0.3 * cm),
            *pdf_table(letter["evidence"].table, width),
            Spacer(1, 0.3 * cm),
            paragraph(letter["privacy"], "small"),
            paragraph(letter["ask"]),
            Spacer(1, 0.3 * cm),
            paragraph(letter["closing"]),
            paragraph(contact.signatory or contact.name),
        ]
        document.build(story)
    return buffer.getvalue()
