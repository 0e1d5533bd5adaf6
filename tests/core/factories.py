"""Factories for the core: users in each role and the network's general pages.

    StaffFactory(username="joana", first_name="Joana")   # in the Staff group
    CoordinatorFactory(), PartnerFactory(), AdministratorFactory()
    UserFactory(groups=["Staff", "Coordinators"])       # any groups; none by default
    StaffFactory(office=office)                          # based at a support office
    ContentPageFactory(title="Como usar a intranet")     # published, under the dashboard

Every user's password is ``PASSWORD`` (tests log in with it); names come from Faker in
Portuguese unless a test gives them. Other apps' factories may import these.
"""

from django.contrib.auth.models import Group, User

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from intranet.core.models import ContentPage, HomePage
from intranet.core.roles import COORDINATORS, PARTNERS, STAFF

PASSWORD = "test-password-123"


def _groups(default: list[str]):
    """The user's groups: ``default`` unless the test passes ``groups=[...]``."""

    def add(user, create, extracted, **kwargs):
        names = default if extracted is None else extracted
        if create and names:
            user.groups.add(*Group.objects.filter(name__in=names))

    return factory.PostGeneration(add)


class UserFactory(DjangoModelFactory):
    """An account in no group. Its profile is made by the people app's signal, as for any
    new account."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pessoa{n}")
    first_name = factory.Faker("first_name", locale="pt_PT")
    last_name = factory.Faker("last_name", locale="pt_PT")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)
    groups = _groups([])

    @factory.post_generation
    def office(user, create, extracted, **kwargs):
        """``office=<SupportOfficePage>``: where the person is based (on their profile)."""
        if create and extracted is not None:
            user.profile.office = extracted
            user.profile.save(update_fields=["office"])


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"tecnica{n}")
    groups = _groups([STAFF])


class CoordinatorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"coordenadora{n}")
    groups = _groups([COORDINATORS])


class PartnerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"parceiro{n}")
    groups = _groups([PARTNERS])


class AdministratorFactory(UserFactory):
    """An administrator: a superuser in no group, as the demo's ``admin``."""

    username = factory.Sequence(lambda n: f"administrador{n}")
    is_superuser = True
    is_staff = True


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page saved with a published revision, as an editor's "Publish" leaves it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        if page.live:
            page.save_revision().publish()
        else:
            page.save_revision()
        return model_class.objects.get(pk=page.pk)


class ContentPageFactory(PublishedPageFactory):
    """A general page under the dashboard; ``live=False`` for a draft."""

    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Página {n}")
    summary = factory.Faker("sentence", locale="pt_PT")
    parent = factory.LazyFunction(HomePage.objects.get)
