"""Wagtail's PostgreSQL search backend, with accents folded as well as Portuguese stemming.

PostgreSQL's ``portuguese`` configuration stems but keeps accents: "saude" does not find
"Saúde". Unaccenting before the stemmer (``unaccent, portuguese_stem``) folds accents but
breaks the stemmer, whose rules for "-ção/-ções" and "-ão/-ões" need the tilde and the
cedilla: "renovação" becomes "renovaca" and "renovações" "renovaco", so the singular no
longer finds the plural. So the index keeps both: each entry's title and body vectors hold
the words stemmed as written (``portuguese``) and stemmed with accents folded
(``portuguese_unaccent``, made by migration ``core`` 0009 with the ``unaccent``
extension), and the site search looks each word up both ways (``search_index``).
"""

from django.db import connection

from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

FOLDED_CONFIG = "portuguese_unaccent"


def search_configs() -> list[str]:
    """The configurations the site search looks each word up with."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    configs = [backend.config or "simple"]
    if getattr(backend, "folded_config", None):
        configs.append(backend.folded_config)
    return configs


def add_folded_forms(content_type_id: int | None = None, object_ids=None) -> None:
    """Append the accent-folded words to index entries (all, or those given)."""
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    where, params = "", [FOLDED_CONFIG, FOLDED_CONFIG]
    if content_type_id is not None:
        where = "WHERE content_type_id = %s AND object_id = ANY(%s)"
        params += [content_type_id, list(object_ids)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET "  # noqa: S608 - the table name is the model's, not input
            "title = title || setweight(to_tsvector(%s::regconfig, title_text), 'A'), "
            f"body = body || to_tsvector(%s::regconfig, body_text) {where}",
            params,
        )


class FoldingPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        objs = list(objs)
        super().add_items(model, objs)
        if objs and model.get_search_fields():
            add_folded_forms(get_content_type_pk(model), [str(obj.pk) for obj in objs])


class SearchBackend(PostgresSearchBackend):
    index_class = FoldingPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.folded_config = FOLDED_CONFIG
