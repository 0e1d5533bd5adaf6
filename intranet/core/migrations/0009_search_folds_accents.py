"""PostgreSQL: search ignores accents ("saude" finds "Saúde") and keeps Portuguese stemming.

Creates the ``unaccent`` extension (a trusted extension: the database owner may create
it) and the text search configuration ``portuguese_unaccent`` (Portuguese with accents
folded before the stemmer), then adds the folded words to the index entries already there
(``intranet.core.search_backend``). Nothing on SQLite, whose full-text index folds accents.
"""

from django.db import migrations

CONFIGURATION = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portuguese_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION portuguese_unaccent (COPY = portuguese);
        ALTER TEXT SEARCH CONFIGURATION portuguese_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem;
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CONFIGURATION)
    from intranet.core.search_backend import add_folded_forms

    add_folded_forms()


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portuguese_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_page_tree_indexes"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
