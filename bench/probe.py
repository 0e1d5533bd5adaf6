"""Inside Django, for `make bench` (bench/run.py runs it with the benchmark's settings and
database): which URLs to measure, then each page once through the test client to count its
database queries and its HTML size. Prints JSON.

    python bench/probe.py urls
    python bench/probe.py queries '<json list of pages from "urls">'
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pages() -> list[dict]:
    """The pages of issue 14, each with the role that opens it."""
    from bench.urls import FLOOR_PATH
    from intranet.knowledge.models import KnowledgeArticlePage, KnowledgeBaseIndexPage
    from intranet.legal.models import LegalUpdateIndexPage, LegalUpdatePage
    from network.models import ServiceProvider
    from training.models import TrainingModulePage, TrainingProgrammePage, TrainingSession

    def first_live(model):
        page = model.objects.live().order_by("path").first()
        return page.url if page else None

    provider = ServiceProvider.objects.order_by("slug").first()
    session = TrainingSession.objects.order_by("starts_at", "pk").first()
    found = [
        ("floor", "floor, anonymous", None, FLOOR_PATH),
        ("floor-session", "floor with a staff session cookie", "staff", FLOOR_PATH),
        ("dashboard", "dashboard `/`", "staff", "/"),
        ("directory", "directory `/directory/` (staff)", "staff", "/directory/"),
        ("directory-partner", "directory (partner)", "partner", "/directory/"),
        ("directory-filtered", "directory filtered", "staff", "/directory/?municipality=Portel"),
        (
            "provider",
            "a provider",
            "staff",
            f"/directory/services/{provider.slug}/" if provider else None,
        ),
        ("programme", "training programme", "staff", first_live(TrainingProgrammePage)),
        ("module", "a training module", "staff", first_live(TrainingModulePage)),
        (
            "session",
            "a training session",
            "staff",
            f"/training/sessions/{session.pk}/" if session else None,
        ),
        ("progress", "training progress", "staff", "/training/progress/"),
        ("legal-index", "legal updates index", "staff", first_live(LegalUpdateIndexPage)),
        ("legal-update", "a legal update", "staff", first_live(LegalUpdatePage)),
        ("people", "people finder `?q=ana`", "staff", "/people/?q=ana"),
        ("search", "search `?q=rede`", "staff", "/search/?q=rede"),
        ("knowledge", "knowledge base", "staff", first_live(KnowledgeBaseIndexPage)),
        ("article", "a knowledge article", "staff", first_live(KnowledgeArticlePage)),
        ("training-report", "training report (coordinator)", "coordinator", "/training/report/"),
        ("insights", "insights (coordinator)", "coordinator", "/insights/"),
    ]
    return [
        {"key": key, "label": label, "role": role, "url": url}
        for key, label, role, url in found
        if url is not None
    ]


def count_queries(entries: list[dict]) -> dict:
    """{key: {"queries": n, "status": code, "bytes": size}}, after one warm-up request (the
    server's caches are warm when wrk measures too)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    usernames = {"staff": "staff", "coordinator": "coordinator", "partner": "partner"}
    results = {}
    for entry in entries:
        client = Client(HTTP_HOST="127.0.0.1")
        if entry["role"]:
            # The backend the login form records (the bench's wrk cookies come from it).
            client.force_login(
                User.objects.get(username=usernames[entry["role"]]),
                backend="intranet.core.auth_backends.CachedModelBackend",
            )
        client.get(entry["url"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(entry["url"])
        body = b"".join(response) if response.streaming else response.content
        results[entry["key"]] = {
            "queries": len(queries.captured_queries),
            "status": response.status_code,
            "bytes": len(body),
        }
    return results


def main() -> int:
    import django

    django.setup()
    if sys.argv[1] == "urls":
        print(json.dumps(pages()))
    else:
        print(json.dumps(count_queries(json.loads(sys.argv[2]))))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.exit(main())
