"""Everything the intranet holds about a person, for them to download (GDPR art. 15/20).

``collect(user)`` starts with the account and asks every app through the hook
``register_personal_data``: ``fn(user) -> (key, JSON-ready data) | None``. The core adds
its own parts here: personal tokens (that they exist and when they were made, never the
secret), e-mail choices and e-mails sent, failed logins recorded for the username, and
what the person wrote or uploaded (pages they own, revisions they saved, images and
documents they uploaded, comments).

Everyone may download theirs, partners included: ``/accounts/my-data.json``.
"""

from django.contrib.auth.models import User
from django.http import JsonResponse
from django.utils import timezone

from wagtail import hooks

PERSONAL_DATA_HOOK = "register_personal_data"


def _iso(value):
    return value.isoformat() if value else None


def account(user: User) -> dict:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "active": user.is_active,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "preferred_language": profile.preferred_language or None,
    }


def collect(user: User) -> dict:
    data = {"account": account(user)}
    for fn in hooks.get_hooks(PERSONAL_DATA_HOOK):
        contribution = fn(user)
        if contribution is not None:
            key, value = contribution
            data[key] = value
    data["exported_at"] = timezone.now().isoformat()
    return data


def download(user: User) -> JsonResponse:
    response = JsonResponse(
        collect(User.objects.get(pk=user.pk)),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    name = f"dados-pessoais-{user.get_username()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the core's own parts --------------------------------------------------------------


def tokens(user: User) -> list[dict]:
    from .models import PersonalToken

    return [
        {
            "purpose": token.purpose,
            "created_at": _iso(token.created_at),
            "last_used_at": _iso(token.last_used_at),
            "revoked_at": _iso(token.revoked_at),
        }
        for token in PersonalToken.objects.filter(user=user).order_by("created_at")
    ]


def notifications(user: User) -> dict:
    from .models import Notification

    return {
        "switched_off": sorted(user.notification_opt_outs.values_list("kind", flat=True)),
        "sent": [
            {
                "kind": n.kind,
                "about": n.key,
                "queued_at": _iso(n.created_at),
                "sent_at": _iso(n.sent_at),
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
    }


def failed_logins(user: User) -> list[dict]:
    from axes.models import AccessAttempt

    return [
        {
            "address": attempt.ip_address,
            "failures": attempt.failures_since_start,
            "last_attempt": _iso(attempt.attempt_time),
        }
        for attempt in AccessAttempt.objects.filter(username=user.get_username())
    ]


def authored(user: User) -> dict:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Comment, Page, Revision

    revisions = Revision.objects.filter(user=user).order_by("created_at")
    return {
        "pages_owned": [
            {
                "title": p.title,
                "url_path": p.url_path,
                "live": p.live,
                "created": _iso(p.first_published_at),
            }
            for p in Page.objects.filter(owner=user).order_by("path")
        ],
        "revisions_saved": [
            {"of": r.object_str, "type": r.content_type.model, "saved_at": _iso(r.created_at)}
            for r in revisions.select_related("content_type")
        ],
        "comments": [
            {"on": c.page.title, "text": c.text, "created_at": _iso(c.created_at)}
            for c in Comment.objects.filter(user=user).select_related("page")
        ],
        "images_uploaded": [
            {"title": i.title, "file": i.file.name, "uploaded_at": _iso(i.created_at)}
            for i in get_image_model().objects.filter(uploaded_by_user=user)
        ],
        "documents_uploaded": [
            {"title": d.title, "file": d.file.name, "uploaded_at": _iso(d.created_at)}
            for d in get_document_model().objects.filter(uploaded_by_user=user)
        ],
    }
