"""Receivers: review outcome emails and new-version emails for followers.

Wagtail emails the submitter itself when a workflow is approved or rejected. Ours replaces
that email (translated, with the reviewer's comment, for every page under the "Coordinator
review" workflow): ``connect_receivers`` takes over Wagtail's receivers' ``dispatch_uid``
slots. This app is listed before ``wagtail.admin`` in INSTALLED_APPS, so our ``ready()``
runs first and Wagtail's later ``connect`` with the same uid is ignored by Django. The
submitter therefore gets exactly one email either way.
"""

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from .models import PageFollow
from .tasks import send_new_version, send_review_outcome


def _comment_of(task_state) -> str:
    if task_state is None:
        return ""
    return str(task_state.specific.get_comment() or "")


def on_workflow_approved(sender, instance: WorkflowState, user=None, **kwargs):
    requested_by = instance.requested_by
    if requested_by is None or requested_by == user:
        return
    task_state = (
        instance.task_states.filter(status=TaskState.STATUS_APPROVED)
        .order_by("-finished_at", "-pk")
        .first()
    )
    send_review_outcome.enqueue(
        page_id=int(instance.object_id),
        recipient_id=requested_by.pk,
        reviewer_id=user.pk if user else None,
        approved=True,
        comment=_comment_of(task_state),
    )


def on_workflow_rejected(sender, instance: WorkflowState, user=None, **kwargs):
    requested_by = instance.requested_by
    if requested_by is None or requested_by == user:
        return
    send_review_outcome.enqueue(
        page_id=int(instance.object_id),
        recipient_id=requested_by.pk,
        reviewer_id=user.pk if user else None,
        approved=False,
        comment=_comment_of(instance.current_task_state),
    )


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
    followers = list(
        PageFollow.objects.filter(page_id=instance.pk, user__is_active=True)
        .exclude(user_id__in=[pk for pk in excluded if pk])
        .values_list("user_id", flat=True)
    )
    if followers:
        send_new_version.enqueue(page_id=instance.pk, follower_ids=followers)


def connect_receivers() -> None:
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    page_published.connect(on_page_published, dispatch_uid="knowledge_new_version_to_followers")
