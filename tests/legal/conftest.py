import datetime
import itertools

from django.utils import timezone

from wagtail.models import Page

import pytest

from intranet.legal.models import LegalTopic, LegalUpdateIndexPage, LegalUpdatePage

_slugs = itertools.count(1)


@pytest.fixture
def legal_index(db):
    return LegalUpdateIndexPage.objects.get()


@pytest.fixture
def make_update(legal_index):
    """make_update(title=..., publish=True, topics=[slugs], user=None, **fields)."""

    def _make(
        title="Alteração à Lei de Estrangeiros", publish=True, topics=(), user=None, **fields
    ):
        fields.setdefault("summary", "Resumo em linguagem simples.")
        page = LegalUpdatePage(
            title=title, slug=f"atualizacao-{next(_slugs)}", live=publish, **fields
        )
        legal_index.add_child(instance=page)
        if topics:
            page.tags.set(list(LegalTopic.objects.filter(slug__in=topics)))
        revision = page.save_revision(user=user)
        if publish:
            revision.publish(user=user)
            page.refresh_from_db()
        return page

    return _make


@pytest.fixture
def must_read(make_update):
    def _make(title="Novas regras da AIMA", **fields):
        fields.setdefault("must_acknowledge", True)
        fields.setdefault("acknowledge_by", timezone.localdate() + datetime.timedelta(days=14))
        return make_update(title=title, **fields)

    return _make


def bulk_add_updates(index: LegalUpdateIndexPage, count: int, start: int = 0) -> None:
    """Add ``count`` live updates under ``index`` fast: one INSERT for the Page rows and
    one per child row, with tree paths computed the way treebeard does."""
    from django.contrib.contenttypes.models import ContentType

    index.refresh_from_db()
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
    created = Page.objects.bulk_create(pages)
    for page in created:
        child = LegalUpdatePage(page_ptr_id=page.pk, summary=f"Resumo {page.title}")
        child.__dict__.update(
            {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
        )
        child.save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
