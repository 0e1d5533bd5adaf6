"""People for tests, by role: ``StaffFactory()``, ``CoordinatorFactory(office=page)``.

Each app's own factories (tests/<app>/factories.py) build on these. Every account has the
password ``PASSWORD`` and an address ``<username>@example.org``.
"""

from django.contrib.auth.models import Group, User

import factory

from intranet.core.roles import COORDINATORS, PARTNERS, STAFF

PASSWORD = "test-password-123"


def in_group(default: str | None):
    """Put the new account in ``default`` (or the group named in ``group=...``)."""

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        name = extracted or default
        if create and name:
            user.groups.add(Group.objects.get(name=name))

    return group


class UserFactory(factory.django.DjangoModelFactory):
    """An account in no group (a bare login); the role factories below add the group."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pessoa{n}")
    first_name = factory.Faker("first_name", locale="pt_PT")
    last_name = factory.Faker("last_name", locale="pt_PT")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    group = in_group(None)

    @factory.post_generation
    def office(user, create, extracted, **kwargs):
        """``office=<SupportOfficePage>``: where the person is based (their profile)."""
        if create and extracted is not None:
            user.profile.office = extracted
            user.profile.save(update_fields=["office"])


class StaffFactory(UserFactory):
    group = in_group(STAFF)


class CoordinatorFactory(UserFactory):
    group = in_group(COORDINATORS)


class PartnerFactory(UserFactory):
    group = in_group(PARTNERS)


class AdministratorFactory(UserFactory):
    """A superuser outside Staff and Coordinators, as the demo's ``admin``."""

    is_superuser = True
    is_staff = True
