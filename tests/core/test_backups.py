"""backup/restore: a round trip of the demo data gives back every row of every table and
every uploaded file; damaged archives and accidental overwrites are refused."""

import hashlib
import io
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from intranet.core.backups import checksum_file


def table_rows() -> dict[str, list]:
    tables = connection.introspection.table_names(include_views=False)
    snapshot = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            snapshot[table] = sorted(repr(row) for row in cursor.fetchall())
    return snapshot


def media_files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _backup(folder: Path) -> Path:
    out = io.StringIO()
    call_command("backup", "--output", str(folder), stdout=out)
    return Path(out.getvalue().strip())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_trip_of_the_demo_data(tmp_path):
    from django.contrib.auth.models import User

    from intranet.people.services import replace_photo
    from tests.people.factories import image_upload

    call_command("load_demo", stdout=io.StringIO())
    staff = User.objects.get(username="staff")
    replace_photo(staff.profile, image_upload(), staff)
    staff.profile.photo.get_rendition("fill-96x96")  # a rendition file too
    rows, files = table_rows(), media_files()
    assert sum(len(r) for r in rows.values()) > 1000
    assert any(name.startswith("original_images/") for name in files)

    archive = _backup(tmp_path / "backups")
    assert archive.name.startswith("semfronteiras-") and archive.name.endswith(".tar.gz")
    assert checksum_file(archive).read_text().split()[1] == archive.name

    # Lose data and files.
    from intranet.legal.models import Acknowledgement

    User.objects.filter(username="staff").update(first_name="Alterada", email="")
    Acknowledgement.objects.filter(pk__in=Acknowledgement.objects.values("pk")[:5]).delete()
    for path in list(Path(settings.MEDIA_ROOT).rglob("*.png"))[:3]:
        path.unlink()
    assert table_rows() != rows

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert table_rows() == rows
    assert media_files() == files


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_damaged_archive_is_refused(tmp_path, staff_user):
    archive = _backup(tmp_path)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(archive), "--check", stdout=io.StringIO())
    checksum_file(archive).unlink()
    with pytest.raises(CommandError, match="missing"):
        call_command("restore", str(archive), "--force", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_check_only_reads(tmp_path, staff_user):
    archive = _backup(tmp_path)
    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert "checksums match" in out.getvalue()


@pytest.mark.django_db
def test_dumpdata_with_natural_keys_loads_back(tmp_path):
    """The audit's case: knowledge article tags had no natural key fields."""
    from django.utils import timezone

    from intranet.knowledge.models import (
        KnowledgeArticlePage,
        KnowledgeArticleTag,
        KnowledgeBaseIndexPage,
        KnowledgeSectionPage,
    )

    section = KnowledgeBaseIndexPage.objects.get().add_child(
        instance=KnowledgeSectionPage(title="Saúde", slug="saude", summary="SNS")
    )
    article = section.add_child(
        instance=KnowledgeArticlePage(
            title="Número de utente",
            slug="utente",
            summary="Como pedir",
            review_by=timezone.localdate(),
        )
    )
    article.tags.add("saúde", "SNS")
    article.save()
    dump = tmp_path / "tags.json"
    call_command(
        "dumpdata",
        "taggit.tag",
        "knowledge.knowledgearticletag",
        "--natural-foreign",
        "--natural-primary",
        "--output",
        str(dump),
    )
    before = set(KnowledgeArticleTag.objects.values_list("content_object_id", "tag__name"))
    KnowledgeArticleTag.objects.all().delete()
    call_command("loaddata", str(dump), stdout=io.StringIO())
    after = set(KnowledgeArticleTag.objects.values_list("content_object_id", "tag__name"))
    assert after == before == {(article.pk, "saúde"), (article.pk, "SNS")}
