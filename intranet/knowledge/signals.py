"""Receivers: new-version e-mails for the followers of a page.

(The review-outcome e-mail to the author of a submitted page is the core's:
``intranet.core.notifications``; nothing here listens to Wagtail's workflow signals.)
"""

from wagtail.models import TaskState
from wagtail.signals import page_published

from intranet.core.notifications import notify

from .models import PageFollow
from .notifications import NEW_VERSION


def on_page_published(sender, instance, revision=None, alias=False, **kwargs):
    if alias:
        return
    excluded = set()
    if revision is not None:
        excluded.add(revision.user_id)
        # Published through the workflow: the approver is the publisher.
        approved = TaskState.objects.filter(
            revision=revision, status=TaskState.STATUS_APPROVED
        ).values_list("finished_by_id", flat=True)
        excluded.update(approved)
    follows = (
        PageFollow.objects.filter(page_id=instance.pk, user__is_active=True)
        .exclude(user_id__in=[pk for pk in excluded if pk])
        .select_related("user")
    )
    version = revision.pk if revision is not None else instance.live_revision_id
    key = f"page-{instance.pk}:revision-{version}"
    for follow in follows:
        notify(follow.user, NEW_VERSION, {"page_id": instance.pk}, key=key)


def connect_receivers() -> None:
    page_published.connect(on_page_published, dispatch_uid="knowledge_new_version_to_followers")
