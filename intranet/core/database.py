"""SQLite settings made once per connection (connections persist between requests).

WAL lets readers work while one request writes; NORMAL synchronous is safe with WAL; the
busy timeout makes a second writer wait instead of failing with "database is locked".
PostgreSQL needs nothing here.
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=20000",
)


@receiver(connection_created, dispatch_uid="intranet-sqlite-pragmas")
def set_sqlite_pragmas(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
