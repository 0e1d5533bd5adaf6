"""Portuguese collation: names with accents sort as their letters ("Évora" among the Es,
before "Vidigueira"; "Óbidos" among the Os), case ignored. One helper for every list
sorted by name:

- in the database, ``queryset.order_by(by_name("name"))``: the ICU collation "pt-PT-x-icu"
  on PostgreSQL; on SQLite a collation of the same name registered on each connection,
  which compares the folded texts (``sort_key``);
- in Python, ``sorted(items, key=sort_key)`` or ``sorted_by_name(items, key=...)``.
"""

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate
from django.dispatch import receiver

T = TypeVar("T")
POSTGRESQL_COLLATION = "pt-PT-x-icu"
SQLITE_COLLATION = "pt_PT"


@lru_cache(maxsize=65536)
def _folded(text: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFKD", text or "")
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return folded, text


def sort_key(text: str) -> tuple[str, str]:
    """Accents and case folded first ("evora"), the text itself to break ties. Remembered
    per process: SQLite's collation calls it twice per comparison when sorting a listing."""
    return _folded(str(text or ""))


def sorted_by_name(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    return sorted(items, key=lambda item: sort_key(key(item)))


def by_name(field: str):
    """An ``order_by`` expression sorting ``field`` the Portuguese way."""
    name = POSTGRESQL_COLLATION if connection.vendor == "postgresql" else SQLITE_COLLATION
    if connection.vendor not in ("postgresql", "sqlite"):
        return F(field).asc()
    return Collate(F(field), name).asc()


def _compare(a: str, b: str) -> int:
    key_a, key_b = sort_key(a), sort_key(b)
    return (key_a > key_b) - (key_a < key_b)


@receiver(connection_created, dispatch_uid="core_portuguese_collation")
def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)
