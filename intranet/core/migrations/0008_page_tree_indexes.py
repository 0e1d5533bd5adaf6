"""Indexes on Wagtail's page table for what the intranet asks of it at scale.

- ``last_published_at``: the dashboard's "recently updated" panel orders every live page
  by it (Wagtail indexes ``first_published_at`` only).
- On SQLite, ``path`` once more with the NOCASE collation: treebeard finds children and
  descendants with ``path LIKE 'prefix%'``, and SQLite's LIKE (case-insensitive) can use
  only a NOCASE index for a prefix; without it every section listing scans the whole page
  table. Paths are digits and capital letters, so NOCASE orders them the same way.
  PostgreSQL needs no such thing: Django gives ``path`` a ``varchar_pattern_ops`` index.
"""

from django.db import migrations

INDEXES = {
    "core_page_last_published": "(last_published_at)",
}
SQLITE_INDEXES = {
    "core_page_path_nocase": "(path COLLATE NOCASE)",
}


def _wanted(vendor: str) -> dict[str, str]:
    return INDEXES | (SQLITE_INDEXES if vendor == "sqlite" else {})


def create(apps, schema_editor):
    for name, columns in _wanted(schema_editor.connection.vendor).items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page {columns}")


def drop(apps, schema_editor):
    for name in _wanted(schema_editor.connection.vendor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_home_title_en"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
