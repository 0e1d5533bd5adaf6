"""The site search's one query: Wagtail's search index (django-modelsearch's index tables,
through the expressions its database backends use) asked once for every type at once.

For each type the core passes the queryset of what the person may see; the index answers,
per type, the ids of the best matches (``limit`` of them from ``offset``), how many match
in all (a window count) and the indexed text of each (what matched, for the snippet).
One query, whatever the number of types or results: the backends' own ``search()`` runs a
query per type plus one to count, and on SQLite scores each hit with a correlated subquery
that runs the full-text match again per hit (seconds for a common word at national scale).

- SQLite: the FTS5 table (``MATCH``, which folds accents) scored with ``bm25()`` as the
  backend scores it (title weighted by ``title_norm``), smaller is better.
- PostgreSQL: ``@@`` on the title and body vectors (any word first, so that the GIN
  indexes serve, then every word), ranked with ``ts_rank`` as the backend ranks (negated
  here: smaller is better). Each word is looked up as typed (Portuguese stemming) and with
  accents folded (``portuguese_unaccent``, which the index holds too:
  ``intranet.core.search_backend``), so "saude" finds "Saúde" while "renovação" still
  finds "renovações".
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast

from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks


@dataclass
class Found:
    """One type's answer: ids in rank order (strings, as the index stores them), the number
    of matches in all, and the indexed text of each id (its body: the title is shown
    anyway)."""

    ids: list[str] = field(default_factory=list)
    total: int = 0
    texts: dict[str, list[str]] = field(default_factory=dict)


def _visible(queryset: QuerySet, prefix: str) -> Exists:
    """Whether the object of an index row is among what the person may see: looked up by
    primary key per match, not a list of every visible id built for each search."""
    # The index stores ids as text; every searchable model here has an integer key.
    object_id = Cast(OuterRef(f"{prefix}object_id"), BigIntegerField())
    return Exists(queryset.order_by().filter(pk=object_id).values("pk"))


def _per_type(matches: QuerySet, querysets: dict[str, QuerySet], prefix: str, fields):
    """The matching index rows with the type each belongs to (and only those of a type the
    person may see).

    SQLite: one pass over the full-text matches, the type worked out by a CASE; a plain
    filter on the content type would let SQLite walk the index entries of the type and
    re-run the match on each (seconds). PostgreSQL: a ``UNION ALL`` of one part per type,
    so that each part checks its own few rows (a CASE makes it build every visibility
    subquery whole)."""
    if connection.vendor == "sqlite":
        whens = [
            When(
                Q(**{f"{prefix}content_type_id__in": get_descendants_content_types_pks(qs.model)})
                & _visible(qs, prefix),
                then=Value(key),
            )
            for key, qs in querysets.items()
        ]
        kind = Case(*whens, default=None, output_field=CharField())
        return matches.annotate(_kind=kind).filter(_kind__isnull=False).values_list(*fields)
    parts = []
    for key, queryset in querysets.items():
        content_types = get_descendants_content_types_pks(queryset.model)
        part = matches.filter(**{f"{prefix}content_type_id__in": content_types})
        ids = queryset.order_by().annotate(_id=Cast("pk", CharField())).values("_id")
        part = part.filter(**{f"{prefix}object_id__in": ids})
        parts.append(part.annotate(_kind=Value(key, output_field=CharField())).values_list(*fields))
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def find(querysets: dict[str, QuerySet], words: str, limit: int, offset: int = 0) -> dict:
    """{type key: Found} for the types in ``querysets`` with a match of every word."""
    terms = words.split()
    if not terms or not querysets:
        return {}
    if connection.vendor == "postgresql":
        matches = _postgresql(terms)
        fields, prefix = ("_kind", "id", "object_id", "_score"), ""
    else:
        matches = _sqlite(terms)
        fields = ("_kind", "index_entry_id", "index_entry__object_id", "_score")
        prefix = "index_entry__"
    rows = _per_type(matches, querysets, prefix, fields)
    inner, params = rows.query.sql_with_params()
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    body = "body_text" if connection.vendor == "postgresql" else "body"
    # The score is worked out once per match in a materialised step (SQLite's bm25() may
    # not appear inside a window), then ranked and counted per type; the text is read only
    # for the rows shown.
    sql = f"""
        WITH matches (kind, entry, object_id, score) AS MATERIALIZED ({inner}),
        ranked AS (
            SELECT kind, entry, object_id,
                   ROW_NUMBER() OVER (PARTITION BY kind ORDER BY score, entry DESC) AS position,
                   COUNT(*) OVER (PARTITION BY kind) AS total
            FROM matches
        )
        SELECT ranked.kind, ranked.object_id, ranked.position, ranked.total, entries.{body}
        FROM ranked JOIN {table} entries ON entries.id = ranked.entry
        WHERE ranked.position > %s AND ranked.position <= %s
        ORDER BY ranked.kind, ranked.position
    """  # noqa: S608 - names from the models; values are parameters
    found: dict[str, Found] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, offset, offset + limit])
        for kind, object_id_, _position, total, text in cursor.fetchall():
            one = found.setdefault(kind, Found(total=total))
            one.ids.append(object_id_)
            one.texts[object_id_] = [text or ""]
    return found


def _sqlite(terms):
    from functools import reduce

    from modelsearch.backends.database.sqlite.query import (
        BM25,
        Lexeme,
        MatchExpression,
        SearchQueryExpression,
    )

    entries = get_app_config().get_model("SQLiteFTSIndexEntry")
    lexemes = reduce(lambda a, b: a & b, [Lexeme(term) for term in terms])
    match = MatchExpression(["title", "body"], SearchQueryExpression(lexemes))
    # The backend's score (bm25 is negative: smaller is better).
    return entries.objects.filter(match).annotate(
        _score=BM25() * F("index_entry__title_norm") + BM25()
    )


def _postgresql(terms):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from django.db.models.expressions import CombinedExpression

    from modelsearch.backends.database.postgres.weights import get_sql_weights

    from .search_backend import search_configs

    configs = search_configs()
    words = [
        # Each word as typed, and with its accents folded.
        _any(SearchQuery(term, search_type="plain", config=config) for config in configs)
        for term in terms
    ]
    query = words[0]
    for word in words[1:]:
        query &= word  # a stop word ("de") is an empty query, which && leaves out
    anywhere = _any(words)
    # Every word in the title or the body, as the backend asks ((title || body) @@ query);
    # the title or the body matching one of the words first, so that the GIN indexes serve.
    vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    matches = Q(title=anywhere) | Q(body=anywhere)
    weights = get_sql_weights()
    rank = SearchRank(F("title"), query, weights=weights) * F("title_norm") + SearchRank(
        F("body"), query, weights=weights
    )
    entries = get_app_config().get_model("IndexEntry")
    return (
        entries.objects.filter(matches)
        .annotate(_vector=vector)
        .filter(_vector=query)
        .annotate(_score=-rank)
    )


def _any(queries):
    queries = list(queries)
    combined = queries[0]
    for other in queries[1:]:
        combined |= other
    return combined
