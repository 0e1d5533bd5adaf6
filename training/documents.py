"""What the programme hands out as files: iCalendar feeds and PDF certificates."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from icalendar import Calendar, Event
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from intranet.core.notifications import absolute_url

from .models import Certificate, TopicArea, TrainingSession


def sessions_calendar(sessions: Iterable[TrainingSession], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Sem Fronteiras//Intranet training//PT")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0] or "intranet"
    for session in sessions:
        event = Event()
        event.add("uid", f"training-session-{session.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", session.display_title)
        if session.place_label:
            event.add("location", session.place_label)
        event.add("description", _("Trainer: %(trainer)s") % {"trainer": session.trainer})
        event.add("url", absolute_url(reverse("training:session-detail", args=[session.pk])))
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()


def certificate_pdf(certificate: Certificate, language: str | None = None) -> bytes:
    """An A4 certificate: name, hours by topic area, dates and the verification code."""
    buffer = io.BytesIO()
    with translation.override(language or settings.LANGUAGE_CODE):
        pdf = canvas.Canvas(buffer, pagesize=A4)
        pdf.setTitle(_("Training certificate") + f" — {certificate.full_name}")
        pdf.setAuthor("Sem Fronteiras")
        width, height = A4
        y = height - 3 * cm
        pdf.setFont("Helvetica-Bold", 22)
        pdf.drawCentredString(width / 2, y, _("Training certificate"))
        y -= 1.2 * cm
        pdf.setFont("Helvetica", 12)
        pdf.drawCentredString(
            width / 2, y, _("Sem Fronteiras network of support offices for migrants")
        )
        y -= 2 * cm
        pdf.setFont("Helvetica", 13)
        pdf.drawCentredString(width / 2, y, _("This certifies that"))
        y -= 1.1 * cm
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawCentredString(width / 2, y, certificate.full_name)
        y -= 1.1 * cm
        pdf.setFont("Helvetica", 13)
        hours = f"{Decimal(certificate.total_hours):.2f}".rstrip("0").rstrip(".")
        pdf.drawCentredString(
            width / 2,
            y,
            _("completed %(hours)s hours of the staff training programme") % {"hours": hours},
        )
        if certificate.first_date and certificate.last_date:
            y -= 0.8 * cm
            pdf.drawCentredString(
                width / 2,
                y,
                _("between %(start)s and %(end)s")
                % {
                    "start": date_format(certificate.first_date, "DATE_FORMAT"),
                    "end": date_format(certificate.last_date, "DATE_FORMAT"),
                },
            )
        y -= 1.8 * cm
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(3 * cm, y, _("Hours by topic area"))
        pdf.setFont("Helvetica", 12)
        for value, label in TopicArea.choices:
            area_hours = Decimal(certificate.hours_by_area.get(value, "0"))
            if not area_hours:
                continue
            y -= 0.7 * cm
            pdf.drawString(3.5 * cm, y, str(label))
            pdf.drawRightString(
                width - 3 * cm, y, f"{area_hours:.2f}".rstrip("0").rstrip(".") + " h"
            )
        y -= 2 * cm
        pdf.drawString(
            3 * cm,
            y,
            _("Issued on %(date)s")
            % {"date": date_format(timezone.localdate(certificate.issued_at), "DATE_FORMAT")},
        )
        y -= 0.7 * cm
        pdf.drawString(3 * cm, y, _("Verification code: %(code)s") % {"code": certificate.code})
        y -= 0.7 * cm
        pdf.setFont("Helvetica", 10)
        pdf.drawString(
            3 * cm, y, absolute_url(reverse("training:certificate-verify", args=[certificate.code]))
        )
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
