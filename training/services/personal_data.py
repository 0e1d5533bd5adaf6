"""What the programme keeps about a person, for their personal-data download (the people
app's ``register_personal_data`` hook)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone

from intranet.core.tokens import current_token

from ..models import (
    CALENDAR_PURPOSE,
    Attendance,
    Booking,
    Certificate,
    SelfStudyCompletion,
    TopicRequest,
)


def calendar_feed(user: User) -> dict:
    """Whether the person has calendar addresses, and since when; never the secret."""
    token = current_token(user, CALENDAR_PURPOSE)
    if token is None:
        return {"exists": False}
    return {
        "exists": True,
        "created_on": timezone.localdate(token.created_at).isoformat(),
        "last_used_on": timezone.localdate(token.last_used_at).isoformat()
        if token.last_used_at
        else None,
    }


def personal_data(user: User) -> dict:
    """JSON-ready: bookings, attendance, self-study, topic requests, certificate and
    calendar feed."""
    bookings = Booking.objects.filter(user=user).select_related("session__module")
    attendance = Attendance.objects.filter(user=user).select_related("session__module")
    certificate = Certificate.objects.filter(user=user).first()
    return {
        "bookings": [
            {
                "session": b.session.display_title,
                "starts_at": b.session.starts_at.isoformat(),
                "status": b.status,
                "booked_at": b.created_at.isoformat(),
            }
            for b in bookings
        ],
        "attendance": [
            {
                "session": a.session.display_title,
                "starts_at": a.session.starts_at.isoformat(),
                "status": a.status,
                "hours": str(a.hours),
                "walk_in": a.walk_in,
            }
            for a in attendance
        ],
        "self_study": [
            {
                "module": c.module.title,
                "hours": str(c.hours),
                "completed_at": c.completed_at.isoformat(),
            }
            for c in SelfStudyCompletion.objects.filter(user=user).select_related("module")
        ],
        "topic_requests": [
            {
                "topic": r.topic,
                "reason": r.reason,
                "status": r.status,
                "response": r.response,
                "requested_at": r.created_at.isoformat(),
            }
            for r in TopicRequest.objects.filter(requester=user)
        ],
        "certificate": {
            "code": certificate.code,
            "total_hours": str(certificate.total_hours),
            "issued_at": certificate.issued_at.isoformat(),
        }
        if certificate
        else None,
        "calendar_feed": calendar_feed(user),
    }
