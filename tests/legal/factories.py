"""Legal updates for tests: ``LegalUpdatePageFactory(topics=["health"])``,
``MustReadUpdateFactory(acknowledge_by=...)``, ``AcknowledgementFactory(user=..., page=...)``.

Pages go under the legal updates section and are published the way editors do it (a
revision, then publish: the publish handler runs), unless ``live=False`` (a draft).
``revision__user=person`` saves and publishes as that person.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page

import factory
import wagtail_factories

from intranet.legal.models import (
    Acknowledgement,
    LegalTopic,
    LegalUpdateIndexPage,
    LegalUpdatePage,
)
from tests.core.factories import StaffFactory


def legal_index() -> LegalUpdateIndexPage:
    return LegalUpdateIndexPage.objects.get()


class LegalUpdatePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LegalUpdatePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(legal_index)
    title = factory.Faker("sentence", nb_words=6, locale="pt_PT")
    slug = factory.Sequence(lambda n: f"atualizacao-{n}")
    summary = factory.Faker("paragraph", nb_sentences=2, locale="pt_PT")

    @factory.post_generation
    def topics(page, create, extracted, **kwargs):
        """``topics=["health", ...]``: slugs of the shared vocabulary."""
        if extracted:
            page.tags.set(list(LegalTopic.objects.filter(slug__in=extracted)))

    @factory.post_generation
    def revision(page, create, extracted, user=None, **kwargs):
        if not create:
            return
        revision = page.save_revision(user=user)
        if page.live:
            revision.publish(user=user)
            page.refresh_from_db()


class MustReadUpdateFactory(LegalUpdatePageFactory):
    must_acknowledge = True
    acknowledge_by = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=14)
    )


class AcknowledgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acknowledgement

    user = factory.SubFactory(StaffFactory)
    page = factory.SubFactory(MustReadUpdateFactory)
    epoch = factory.LazyAttribute(lambda ack: ack.page.ack_epoch)
    revision_id = factory.LazyAttribute(lambda ack: ack.page.live_revision_id)


def bulk_create_updates(count: int, start: int = 0) -> None:
    """Add ``count`` live updates to the section fast, for query-count tests: one INSERT
    for the page rows and one per update row, with tree paths computed the way treebeard
    does (the factory's publish path would take minutes for thousands)."""
    index = legal_index()
    last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path")
    last_step = int(last.first().path[-4:], 36) if last.exists() else 0
    content_type = ContentType.objects.get_for_model(LegalUpdatePage)
    now = timezone.now()
    alphabet = Page.alphabet

    def encode(n):
        digits = ""
        while n:
            n, r = divmod(n, len(alphabet))
            digits = alphabet[r] + digits
        return digits.rjust(Page.steplen, "0")

    pages = []
    for i in range(count):
        n = start + i
        slug = f"massa-{n}"
        pages.append(
            Page(
                title=f"Atualização {n}",
                draft_title=f"Atualização {n}",
                slug=slug,
                path=index.path + encode(last_step + i + 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                live=True,
                first_published_at=now - datetime.timedelta(minutes=n),
                last_published_at=now,
            )
        )
    for page in Page.objects.bulk_create(pages):
        update = LegalUpdatePage(page_ptr_id=page.pk, summary=f"Resumo {page.title}")
        update.__dict__.update(
            {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
        )
        update.save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
