"""The legal updates' e-mails, sent through the core's notifications (in each person's
language, deduplicated by key, honouring their choices where a kind is optional)."""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from intranet.core.notifications import NotificationKind, absolute_url
from intranet.core.sections import section_url

from .models import LegalUpdatePage

PUBLISHED = "legal-update-published"
REMINDER = "legal-acknowledgement-reminder"


def published_context(recipient: User, params: dict) -> dict | None:
    page = (
        LegalUpdatePage.objects.live().filter(pk=params["page_id"], must_acknowledge=True).first()
    )
    if page is None:
        return None  # unpublished (or no longer must-read) before the e-mail went out
    return {"page": page, "url": absolute_url(page.url)}


def reminder_context(recipient: User, params: dict) -> dict | None:
    from .services import pending_for_user

    # Read again at sending time: what was acknowledged meanwhile is not mentioned.
    pages = list(pending_for_user(recipient).filter(pk__in=params["page_ids"]))
    if not pages:
        return None
    return {
        "updates": [(page, absolute_url(page.url)) for page in pages],
        "index_url": absolute_url(section_url("legal.LegalUpdateIndexPage")),
    }


def published_kind() -> NotificationKind:
    # Not optional: a must-read update is part of the job, and this e-mail is how someone
    # out on outreach learns of it. It comes once per acknowledgement round, never on a
    # plain re-publish, so it cannot turn into noise anyone would want to switch off.
    return NotificationKind(
        slug=PUBLISHED,
        label=_("Legal updates: a must-read update was published or changed materially"),
        template="legal/email/published",
        build=published_context,
        optional=False,
        help_text=_("Every staff member must read these; this e-mail cannot be switched off."),
    )


def reminder_kind() -> NotificationKind:
    # Optional: it repeats daily until the person acknowledges, while the dashboard panel
    # lists the same updates and the coordinators' report still shows them as pending, so
    # switching it off hides nothing from anyone who is accountable.
    return NotificationKind(
        slug=REMINDER,
        label=_("Legal updates: daily reminder of the updates I have not acknowledged yet"),
        template="legal/email/reminder",
        build=reminder_context,
        help_text=_("The dashboard lists them too."),
    )
