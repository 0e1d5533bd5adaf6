"""Factories for people: a colleague with a profile, languages and expertise.

    ProfileFactory(username="joao", first_name="João", last_name="Simões", office=office,
                   languages=[("ro", "fluent")], expertise=["AIMA"], job_title="Técnico")
    ProfileFactory(user=some_user)          # fill in the profile an account already has
    ProfileFactory(user__groups=["Coordinators"])  # a coordinator's profile
    PhotoFactory()                          # an image in the staff-only photo collection
    image_upload("JPEG", "eu.jpg")          # a file as a browser would send it

Every account gets its profile from the people app's signal, so the factory fills in that
profile instead of making a second one.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from intranet.people.models import Profile, ProfileLanguage
from intranet.people.services import photo_collection
from tests.core.factories import StaffFactory


def image_upload(kind="PNG", name="foto.png", size=(60, 60)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


class ProfileFactory(DjangoModelFactory):
    """A person in the network (Staff by default) and their profile."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    class Params:
        username = factory.Sequence(lambda n: f"colega{n}")
        first_name = factory.Faker("first_name", locale="pt_PT")
        last_name = factory.Faker("last_name", locale="pt_PT")

    user = factory.SubFactory(
        StaffFactory,
        username=factory.SelfAttribute("..username"),
        first_name=factory.SelfAttribute("..first_name"),
        last_name=factory.SelfAttribute("..last_name"),
    )
    job_title = ""

    @classmethod
    def _create(cls, model_class, *args, user, **fields):
        profile = Profile.objects.select_related("user").get(user=user)
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        return profile

    @factory.post_generation
    def languages(profile, create, extracted, **kwargs):
        for code, level in extracted or ():
            ProfileLanguage.objects.create(profile=profile, language=code, level=level)

    @factory.post_generation
    def expertise(profile, create, extracted, **kwargs):
        if extracted:
            profile.expertise.set(list(extracted))

    @factory.post_generation
    def search(profile, create, extracted, **kwargs):
        # Languages and expertise are searchable: index them once they are there.
        profile.refresh_search()


class PhotoFactory(wagtail_factories.ImageFactory):
    """A profile photo in the staff-only collection ("Fotografias da equipa")."""

    title = factory.Sequence(lambda n: f"Fotografia {n}")
    collection = factory.LazyFunction(photo_collection)
    file = factory.django.ImageField(width=60, height=60, color="teal")
