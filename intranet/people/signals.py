from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .models import Profile

NAME_FIELDS = {"first_name", "last_name", "username"}

# Sent when a coordinator marks someone as having left (``services.mark_as_left``), with
# ``user`` and ``profile``. Apps above people connect to let go of the person.
person_left = Signal()


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="people_create_profile")
def create_profile(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        Profile.objects.get_or_create(user=instance)
        return
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return  # e.g. last_login on each login
    # The finder searches a normalised copy of the name; keep it in step with the account.
    profile = Profile.objects.filter(user=instance).first()
    if profile is not None:
        profile.user = instance
        profile.refresh_search()
