from django.dispatch import receiver

from wagtail.signals import page_published

from intranet.people.signals import person_left

from .models import TrainingProgrammePage
from .services.booking import release_future_bookings
from .services.certificates import issue_due_certificates


@receiver(person_left, dispatch_uid="training_release_leavers_bookings")
def release_leavers_bookings(sender, user, **kwargs):
    """Someone who left will not come: their seats on sessions still to come go to the
    people waiting for them."""
    release_future_bookings(user)


@receiver(page_published, sender=TrainingProgrammePage, dispatch_uid="training_target_changed")
def issue_certificates_for_a_new_target(sender, instance, **kwargs):
    """A lower target published: whoever has now reached it gets their certificate."""
    issue_due_certificates()
