"""The main pages on a seeded database: time, queries, HTML size, and full table scans.

Renders each main page as a coordinator with Django's test client on the database you
point it at (a copy seeded with ``manage.py seed_scale --factor N``), and on SQLite asks
``EXPLAIN QUERY PLAN`` about every query: a ``SCAN`` of a table with more than
``--big`` rows (no index used) is printed under the page. It measures the page in one
process, not the server: ``make bench`` does that.

    INTRANET_VAR_DIR=$PWD/var/scale100 .venv/bin/python bench/scale_pages.py
    INTRANET_VAR_DIR=$PWD/var/scale100 .venv/bin/python bench/scale_pages.py --markdown
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main_pages() -> list[tuple[str, str]]:
    """(label, URL) for each main page, found in the database (nothing hard-coded)."""
    from django.urls import reverse

    from intranet.knowledge.models import (
        KnowledgeArticlePage,
        KnowledgeBaseIndexPage,
        KnowledgeSectionPage,
    )
    from intranet.legal.models import LegalUpdateIndexPage, LegalUpdatePage
    from network.models import NetworkDirectoryPage, ServiceProvider, SupportOfficePage
    from training.models import TrainingModulePage, TrainingProgrammePage, TrainingSession

    directory = NetworkDirectoryPage.objects.get().url
    provider = ServiceProvider.objects.order_by("-pk").first()
    update = LegalUpdatePage.objects.live().order_by("-path").first()
    article = KnowledgeArticlePage.objects.live().order_by("-path").first()
    session = TrainingSession.objects.order_by("-pk").first()
    return [
        ("dashboard", "/"),
        ("directory", directory),
        ("directory filtered", f"{directory}?category=health-centre&language=uk"),
        ("directory search", f"{directory}?q=saude"),
        ("directory map", reverse("network:office-map")),
        ("support office", SupportOfficePage.objects.order_by("-path").first().url),
        ("provider", reverse("network:provider-detail", args=[provider.slug])),
        ("training programme", TrainingProgrammePage.objects.get().url),
        ("training module", TrainingModulePage.objects.live().first().url),
        ("training sessions", reverse("training:session-list")),
        ("training session", reverse("training:session-detail", args=[session.pk])),
        ("training progress", reverse("training:progress")),
        ("training report", reverse("training:report")),
        ("topic requests triage", reverse("training:request-triage-list")),
        ("legal index", LegalUpdateIndexPage.objects.get().url),
        ("legal index filtered", LegalUpdateIndexPage.objects.get().url + "?topic=housing"),
        ("legal update", update.url),
        ("legal report", reverse("legal:report")),
        ("people finder", reverse("people:finder")),
        ("people finder query", reverse("people:finder") + "?q=silva"),
        ("search", reverse("search") + "?q=resid%C3%AAncia"),
        ("knowledge base", KnowledgeBaseIndexPage.objects.get().url),
        ("knowledge section", KnowledgeSectionPage.objects.order_by("-path").first().url),
        ("knowledge article", article.url),
        ("knowledge review report", reverse("knowledge:review-report")),
        ("enquiry log", reverse("enquiries:log")),
        ("outreach visits", reverse("enquiries:outreach-list")),
        ("service gaps", reverse("enquiries:gap-list")),
        ("insights", reverse("enquiries:insights")),
    ]


def scans(connection, queries, big: int, sizes: dict, verbose: bool = False) -> list[str]:
    """Tables of more than ``big`` rows that a query reads without an index."""
    found = set()
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            try:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
            except Exception:  # noqa: BLE001, S112 (a query that only runs with its params)
                continue
            for row in cursor.fetchall():
                detail = row[-1]
                match = re.match(r"SCAN (\w+)(?! USING (?:COVERING )?INDEX)", detail)
                if match and " USING " not in detail:
                    table = match.group(1)
                    if sizes.get(table, 0) > big:
                        shown = f" <- {sql[:300]}" if verbose else ""
                        found.add(f"{table} ({sizes[table]:,} rows){shown}")
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="coordinator", help="username to log in as")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big", type=int, default=5000, help="rows that make a table big")
    parser.add_argument("--sql", action="store_true", help="show the queries that scan")
    parser.add_argument("--only", nargs="*", help="only these pages (their labels)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.dev")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        sizes = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (our own tables)
            sizes[table] = cursor.fetchone()[0]

    client = Client()
    client.force_login(User.objects.get(username=args.user))
    if not args.markdown:
        print(f"{'page':<24} {'status':>6} {'ms':>7} {'queries':>8} {'KB':>6}")
    rows = []
    for label, url in main_pages():
        if args.only and label not in args.only:
            continue
        client.get(url)  # warm caches, as a second visitor would find them
        timings, queries, size, status, found = [], 0, 0, 0, []
        for run in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            status, size, queries = response.status_code, len(response.content), len(captured)
            if run == 0:
                found = scans(connection, captured.captured_queries, args.big, sizes, args.sql)
        ms = statistics.median(timings)
        rows.append((label, status, ms, queries, size))
        if not args.markdown:
            print(f"{label:<24} {status:>6} {ms:>7.0f} {queries:>8} {size / 1024:>6.0f}")
            for scan in found:
                print(f"{'':<24} full scan: {scan}")
            sys.stdout.flush()
    if args.markdown:
        print("| page | status | ms (median) | queries | HTML KB |")
        print("|---|---|---|---|---|")
        for label, status, ms, queries, size in rows:
            print(f"| {label} | {status} | {ms:.0f} | {queries} | {size / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
