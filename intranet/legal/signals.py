from django.dispatch import receiver

from wagtail.signals import page_published

from .models import LegalUpdatePage
from .services import handle_publish


@receiver(page_published, sender=LegalUpdatePage)
def legal_update_published(sender, instance, revision=None, **kwargs):
    handle_publish(instance, revision)
