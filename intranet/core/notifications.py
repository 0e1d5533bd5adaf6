"""Notification e-mails, one way for the whole intranet.

An app declares each kind of e-mail it sends with the ``register_notification_kind`` hook:

    @hooks.register("register_notification_kind")
    def session_reminder():
        return NotificationKind(
            slug="training-session-reminder",
            label=_("Training: reminder the day before a session"),
            template="training/email/reminder",      # reminder_subject.txt + reminder.txt
            build=session_reminder_context,          # (recipient, params) -> context | None
        )

and sends with ``notify(recipient, "training-session-reminder", {"booking": 12},
key="booking-12")``. ``notify`` honours the person's choices (optional kinds can be
switched off at /accounts/notifications/), skips inactive accounts and missing addresses,
records ``(recipient, kind, key)`` once (a second call with the same key sends nothing),
and queues the e-mail through django-tasks. The task renders it in the recipient's
language (their Wagtail profile's preferred language, which the language switch sets),
with links from ``absolute_url``.

Wagtail's own "approved / changes requested" e-mails to the submitter are replaced by the
kind ``workflow-review-outcome`` below: ``take_over_workflow_emails()`` swaps the receivers
explicitly, whatever order the apps are loaded in.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from django_tasks import task

# Links in e-mails follow one rule for the whole site; apps import absolute_url from here.
from .links import absolute_url, base_url  # noqa: F401
from .models import Notification, NotificationOptOut

HOOK_NAME = "register_notification_kind"


@dataclass(frozen=True)
class NotificationKind:
    slug: str
    label: str
    template: str
    build: Callable[[User, dict], dict[str, Any] | None]
    help_text: str = ""
    optional: bool = True


@cache
def _registry() -> dict[str, NotificationKind]:
    kinds = {}
    for fn in hooks.get_hooks(HOOK_NAME):
        kind = fn()
        kinds[kind.slug] = kind
    return kinds


def kinds() -> list[NotificationKind]:
    return sorted(_registry().values(), key=lambda kind: str(kind.label))


def get_kind(slug: str) -> NotificationKind:
    try:
        return _registry()[slug]
    except KeyError:
        raise LookupError(f"No notification kind {slug!r} is registered") from None


def preferred_language(user: User) -> str:
    from wagtail.users.models import UserProfile

    language = UserProfile.get_for_user(user).get_preferred_language()
    supported = {code for code, _name in settings.LANGUAGES}
    return language if language in supported else settings.LANGUAGE_CODE


def opted_out(user: User, slug: str) -> bool:
    return NotificationOptOut.objects.filter(user=user, kind=slug).exists()


def set_choices(user: User, wanted: set[str]) -> None:
    """Keep the optional kinds in ``wanted``, opt out of the other optional ones."""
    optional = {kind.slug for kind in kinds() if kind.optional}
    NotificationOptOut.objects.filter(user=user, kind__in=wanted).delete()
    NotificationOptOut.objects.bulk_create(
        [NotificationOptOut(user=user, kind=slug) for slug in optional - wanted],
        ignore_conflicts=True,
    )


def already_sent(recipient: User, slug: str, key: str) -> bool:
    return Notification.objects.filter(recipient=recipient, kind=slug, key=key).exists()


def notify(recipient: User, slug: str, params: dict | None = None, *, key: str) -> bool:
    """Queue one e-mail of kind ``slug`` about ``key``; False when nothing is queued."""
    kind = get_kind(slug)
    if not recipient.is_active or not recipient.email:
        return False
    if kind.optional and opted_out(recipient, slug):
        return False
    try:
        with transaction.atomic():
            record = Notification.objects.create(recipient=recipient, kind=slug, key=key[:200])
    except IntegrityError:
        return False
    params = params or {}
    deliver.enqueue(record.pk, params)
    return True


def render_email(kind: NotificationKind, recipient: User, params: dict) -> tuple[str, str] | None:
    """(subject, body) in the recipient's language, or None if there is nothing to say."""
    with translation.override(preferred_language(recipient)):
        context = kind.build(recipient, params)
        if context is None:
            return None
        context = {
            "recipient": recipient,
            "recipient_name": recipient.get_full_name() or recipient.get_username(),
            "base_url": base_url(),
            **context,
        }
        subject = render_to_string(f"{kind.template}_subject.txt", context, using="text")
        body = render_to_string(f"{kind.template}.txt", context, using="text")
    return " ".join(subject.split()), body.strip() + "\n"


@task()
def deliver(notification_id: int, params: dict) -> bool:
    record = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if record is None or record.sent_at is not None:
        return False
    recipient = record.recipient
    if not recipient.is_active or not recipient.email:
        return False
    rendered = render_email(get_kind(record.kind), recipient, params)
    if rendered is None:
        return False
    subject, body = rendered
    send_mail(subject, body, None, [recipient.email])
    Notification.objects.filter(pk=record.pk).update(sent_at=timezone.now())
    return True


# --- Wagtail's workflow e-mails -------------------------------------------------------

REVIEW_OUTCOME = "workflow-review-outcome"


def _review_outcome_context(recipient: User, params: dict) -> dict | None:
    from django.urls import reverse

    from wagtail.models import Page

    page = Page.objects.filter(pk=params["page_id"]).specific().first()
    if page is None:
        return None
    reviewer = User.objects.filter(pk=params.get("reviewer_id")).first()
    return {
        "page": page,
        "approved": params["approved"],
        "reviewer_name": (reviewer.get_full_name() or reviewer.get_username())
        if reviewer
        else _("a coordinator"),
        "comment": params.get("comment", ""),
        "page_url": absolute_url(page.url or "/"),
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
    }


@hooks.register(HOOK_NAME)
def review_outcome_kind():
    return NotificationKind(
        slug=REVIEW_OUTCOME,
        label=_("Review: a page I submitted was approved or sent back"),
        template="core/email/review_outcome",
        build=_review_outcome_context,
    )


def _comment_of(task_state) -> str:
    return str(task_state.specific.get_comment() or "") if task_state is not None else ""


def _review_outcome(workflow_state, user, approved: bool) -> None:
    from wagtail.models import TaskState

    requested_by = workflow_state.requested_by
    if requested_by is None or requested_by == user:
        return
    if approved:
        task_state = (
            workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
            .order_by("-finished_at", "-pk")
            .first()
        )
    else:
        task_state = workflow_state.current_task_state
    notify(
        requested_by,
        REVIEW_OUTCOME,
        {
            "page_id": int(workflow_state.object_id),
            "reviewer_id": user.pk if user else None,
            "approved": approved,
            "comment": _comment_of(task_state),
        },
        key=f"workflow-state-{workflow_state.pk}:{'approved' if approved else 'rejected'}:"
        f"{task_state.pk if task_state else ''}",
    )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    _review_outcome(instance, user, approved=True)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    _review_outcome(instance, user, approved=False)


def take_over_workflow_emails() -> None:
    """Send our translated review-outcome e-mail instead of Wagtail's to the submitter.

    Wagtail connects its notifiers in ``wagtail.admin``'s ``ready()`` under fixed
    ``dispatch_uid``s, by calling ``register_signal_handlers()``, which reads the notifier
    objects from its module. Both orders of app loading end the same way: the module's
    notifiers are replaced by ours (so a later call connects ours), and whatever is
    connected under those uids now is disconnected and connected again (ours).
    """
    from wagtail.admin import signal_handlers
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved, workflow_rejected

    signal_handlers.workflow_approval_email_notifier = on_workflow_approved
    signal_handlers.workflow_rejection_email_notifier = on_workflow_rejected
    for signal, uid in (
        (workflow_approved, "workflow_state_approved_email_notification"),
        (workflow_rejected, "workflow_state_rejected_email_notification"),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
    signal_handlers.register_signal_handlers()
