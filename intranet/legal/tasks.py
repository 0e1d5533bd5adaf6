"""E-mails about legal updates, sent in the background (django-tasks)."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from django_tasks import task

from .models import LegalUpdatePage


def _absolute(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


@task()
def send_publication_email(page_id: int) -> int:
    """One e-mail to each expected reader about a newly published must-read update."""
    from .services import expected_readers

    page = LegalUpdatePage.objects.live().filter(pk=page_id).first()
    if page is None:
        return 0
    readers = list(expected_readers().exclude(email="").order_by("pk"))
    with translation.override(settings.LANGUAGE_CODE):
        context = {"page": page, "url": _absolute(page.url)}
        subject = render_to_string("legal/email/published_subject.txt", context).strip()
        body = render_to_string("legal/email/published_body.txt", context)
    messages = [EmailMessage(subject, body, to=[reader.email]) for reader in readers]
    return get_connection().send_messages(messages) or 0


@task()
def send_acknowledgement_reminder(user_id: int, page_ids: list[int]) -> int:
    """Remind one person of the must-read updates they have not acknowledged yet."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    pages = list(LegalUpdatePage.objects.live().filter(pk__in=page_ids).order_by("acknowledge_by"))
    if user is None or not pages:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "updates": [(page, _absolute(page.url)) for page in pages],
            "index_url": _absolute("/legal-updates/"),
        }
        subject = render_to_string("legal/email/reminder_subject.txt", context).strip()
        body = render_to_string("legal/email/reminder_body.txt", context)
    return EmailMessage(subject, body, to=[user.email]).send()
