"""The knowledge base for tests: ``KnowledgeSectionPageFactory()``,
``KnowledgeArticlePageFactory(parent=section, owner=person, review_in_days=-3, tags=[...])``,
``PageFollowFactory(user=..., page=...)``.

Pages are published the way editors do it (a revision, then publish: the publish
receivers run), unless ``live=False`` (a draft). ``revision__user=person`` saves and
publishes as that person.
"""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from intranet.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeBaseIndexPage,
    KnowledgeSectionPage,
    PageFollow,
)
from tests.core.factories import StaffFactory


def publish_revision(page, create, extracted, user=None, **kwargs):
    if not create:
        return
    revision = page.save_revision(user=user)
    if page.live:
        revision.publish(user=user)
        page.refresh_from_db()


class KnowledgeSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KnowledgeSectionPage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(lambda: KnowledgeBaseIndexPage.objects.get())
    title = factory.Faker("sentence", nb_words=3, locale="pt_PT")
    slug = factory.Sequence(lambda n: f"seccao-{n}")
    summary = factory.Faker("sentence", locale="pt_PT")
    revision = factory.PostGeneration(publish_revision)


class KnowledgeArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KnowledgeArticlePage
        skip_postgeneration_save = True

    class Params:
        review_in_days = 90

    parent = factory.SubFactory(KnowledgeSectionPageFactory)
    title = factory.Faker("sentence", nb_words=4, locale="pt_PT")
    summary = factory.LazyAttribute(lambda page: f"Resumo de {page.title}")
    owner = factory.SubFactory(StaffFactory)
    review_by = factory.LazyAttribute(
        lambda page: timezone.localdate() + datetime.timedelta(days=page.review_in_days)
    )

    @factory.post_generation
    def tags(page, create, extracted, **kwargs):
        if extracted:
            page.tags.add(*extracted)

    revision = factory.PostGeneration(publish_revision)


class PageFollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageFollow

    user = factory.SubFactory(StaffFactory)
    page = factory.SubFactory(KnowledgeArticlePageFactory)
