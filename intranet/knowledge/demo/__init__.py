"""Demo knowledge base: the content is in ``articles.yaml``; this reads it into pages.

Idempotent: sections and articles are found by slug under their parent, the checklist
document by title, follows by (person, page).
"""

import datetime
import io
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import Collection, Page

import yaml

from intranet.core.roles import COORDINATORS, STAFF
from intranet.people.services import colleagues

from ..models import KnowledgeArticlePage, KnowledgeBaseIndexPage, KnowledgeSectionPage, PageFollow

DATA = Path(__file__).with_name("articles.yaml")


def _checklist_pdf(spec: dict) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 780, spec["heading"])
    for offset, line in enumerate(spec["lines"]):
        pdf.drawString(90, 750 - offset * 20, line)
    pdf.save()
    return buffer.getvalue()


def _checklist_document(spec: dict) -> Document:
    document = Document.objects.filter(title=spec["title"]).first()
    if document is None:
        collection = Collection.objects.filter(name=spec["collection"]).first()
        document = Document(
            title=spec["title"], collection=collection or Collection.get_first_root_node()
        )
        document.file.save(spec["filename"], ContentFile(_checklist_pdf(spec)))
        document.save()
    return document


def _article(item: dict, owner: User, body: list) -> KnowledgeArticlePage:
    page = KnowledgeArticlePage(
        title=item["title"],
        slug=item["slug"],
        summary=item["summary"],
        body=body,
        owner=owner,
        review_by=timezone.localdate() + datetime.timedelta(days=item["review_in_days"]),
    )
    page.tags.add(*item.get("tags", []))
    return page


def _sections(index, data: dict, coordinator) -> dict[str, KnowledgeSectionPage]:
    sections = {}
    for item in data["sections"]:
        section = KnowledgeSectionPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if section is None:
            section = KnowledgeSectionPage(
                title=item["title"], slug=item["slug"], summary=item["summary"]
            )
            index.add_child(instance=section)
            section.save_revision(user=coordinator).publish(user=coordinator)
        sections[item["slug"]] = section
    return sections


def _body(item: dict, data: dict, related: list[Page]) -> list:
    body = [(block["type"], block["value"]) for block in item["body"]]
    if item.get("checklist"):
        checklist = data["checklist"]
        document = _checklist_document(checklist)
        body.append(("document", {"document": document, "description": checklist["description"]}))
    if related:
        body.append(("related_pages", {"title": data["related_pages"]["title"], "pages": related}))
    return body


def _draft_in_review(sections, data: dict, owners: list[User]) -> None:
    item = data["draft_in_review"]
    section = sections[item["section"]]
    if KnowledgeArticlePage.objects.child_of(section).filter(slug=item["slug"]).exists():
        return
    author = User.objects.filter(username=item["author"]).first() or owners[0]
    draft = _article(item, author, [(block["type"], block["value"]) for block in item["body"]])
    draft.live = False
    section.add_child(instance=draft)
    draft.save_revision(user=author)
    workflow = draft.get_workflow()
    if workflow is not None:
        workflow.start(draft, author)


def load(stdout) -> None:
    index = KnowledgeBaseIndexPage.objects.first()
    if index is None:
        stdout.write("  knowledge: no knowledge base page, skipped")
        return
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    coordinator = (
        User.objects.filter(groups__name=COORDINATORS).order_by("username").first()
        or User.objects.filter(is_superuser=True).order_by("username").first()
    )
    owners = list(colleagues().filter(groups__name=STAFF).order_by("username")) or [coordinator]
    sections = _sections(index, data, coordinator)
    related = list(Page.objects.filter(slug__in=data["related_pages"]["slugs"]).live())
    created = 0
    for number, item in enumerate(data["articles"]):
        section = sections[item["section"]]
        if KnowledgeArticlePage.objects.child_of(section).filter(slug=item["slug"]).exists():
            continue
        named = User.objects.filter(username=item.get("owner", "")).first()
        owner = named or owners[number % len(owners)]
        page = _article(item, owner, _body(item, data, related))
        section.add_child(instance=page)
        page.save_revision(user=owner).publish(user=coordinator)
        created += 1
    _draft_in_review(sections, data, owners)
    for username, slugs in data["follows"].items():
        person = User.objects.filter(username=username).first()
        if person is None:
            continue
        for page in KnowledgeArticlePage.objects.descendant_of(index).filter(slug__in=slugs):
            PageFollow.objects.get_or_create(user=person, page=page)
    stdout.write(
        f"  knowledge: {len(sections)} sections, {created} new articles, 1 draft in review"
    )
