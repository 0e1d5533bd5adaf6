"""Emails of the knowledge base, sent in the background through django-tasks.

Arguments are ids (JSON-serialisable); each email is rendered in the recipient's language.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Page
from wagtail.users.models import UserProfile

from django_tasks import task


def _send(recipient: User, template: str, context: dict) -> None:
    if not recipient.email or not recipient.is_active:
        return
    language = UserProfile.get_for_user(recipient).get_preferred_language()
    context = {**context, "recipient": recipient, "base_url": settings.WAGTAILADMIN_BASE_URL}
    with translation.override(language):
        subject = render_to_string(f"knowledge/emails/{template}_subject.txt", context)
        body = render_to_string(f"knowledge/emails/{template}.txt", context)
    send_mail(" ".join(subject.split()), body.strip(), None, [recipient.email])


@task()
def send_new_version(page_id: int, follower_ids: list[int]) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    for follower in User.objects.filter(pk__in=follower_ids):
        _send(follower, "new_version", {"page": page})


@task()
def send_review_reminder(recipient_id: int, page_ids: list[int]) -> None:
    recipient = User.objects.filter(pk=recipient_id).first()
    if recipient is None:
        return
    from .models import KnowledgeArticlePage

    articles = KnowledgeArticlePage.objects.filter(pk__in=page_ids).order_by("review_by", "title")
    _send(recipient, "review_reminder", {"articles": list(articles)})
